// The engine's public surface for `src/`: the contract, the registry, parameters and program
// text helpers. No engine here: each kind's engine is reached through its own entry
// (`kinds/<kind>/index.ts`), which a page loads lazily through the registry.
export * from './core/time';
export * from './core/rng';
export * from './core/params';
export type { SourceError, Result } from './core/errors';
export {
	markedLines,
	markedParams,
	renderProgram,
	type ProgramTemplate,
	type SpanRewrite
} from './core/template';
export type * from './kinds/kind';
export * from './kinds/compare-setting';
export type { SinkDiff, BatchDiff, SinkRun, SinkBatch } from './kinds/sink-diff';
export * from './kinds/input-edits';
export { checkInputEdits, type DroppedEdit } from './kinds/input-edit-check';
export type { EventTimeInput, SimEvent, SourceStream } from './kinds/event-time/question';
export { SIMULATIONS, loadQuestion } from './registry';
export { withEngine, withEngines } from './kinds/with-engines';
