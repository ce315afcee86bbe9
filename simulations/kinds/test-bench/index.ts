// The test-bench kind's public entry: what `src/` may import of it.
export { testBenchKind } from './kind';
export * from './frames';
export { describeFrame, stepSentence } from './describe';
export type { TestBenchQuestion } from './question';
