// The micro-batch kind's public entry: what `src/` may import of it (views, types, the kind).
export { microBatchKind } from './kind';
export * from './frames';
export * from './markers';
export * from './continuous-markers';
export { describeFrame } from './describe';
export type { MicroBatchRun, BoundedAnswer, MicroBatchSpans } from './run';
export type { MicroBatchScenario, MicroBatchPreset } from './question';
export * from '../../microbatch/trace';
export * from '../../microbatch/cursor';
export type { ContinuousTrace, ContinuousRow } from '../../microbatch/continuous';
export type { OutputMode, QueryInfo, ResultRow } from '../../microbatch/query';
export type {
	ProgressRecord,
	SourceProgress,
	StateOperatorProgress
} from '../../microbatch/progress';
export { PHASES, type Phase } from '../../structured/runtime/cost-policy';
export { rateRows, secondOfValue, type RateSpec } from '../../microbatch/rate-source';
export type { InputRow } from '../../microbatch/source';
