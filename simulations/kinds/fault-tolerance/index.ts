// The fault-tolerance kind's public entry: what `src/` may import of it.
export { faultToleranceKind } from './kind';
export * from './frames';
export { describeFrame } from './describe';
export type { FaultToleranceQuestion, FtWorld } from './question';
export { readableContent } from './file-text';
