// The engine's public surface: what the UI imports. Add exports here; keep it a flat list.
export * from './core/time';
export * from './core/rng';
export * from './scenarios/types';
export * from './scenarios/micro-batches';
export * from './microbatch/trace';
export * from './microbatch/cursor';
export type { OutputMode, QueryInfo, ResultRow } from './microbatch/query';
export type { ProgressRecord, SourceProgress, StateOperatorProgress } from './microbatch/progress';
export { PHASES, type Phase } from './structured/runtime/cost-policy';
export { rateRows, secondOfValue, type RateSpec } from './microbatch/rate-source';
export type { InputRow } from './microbatch/source';
