// The keyed-state kind's public entry: what `src/` may import of it.
export { keyedStateKind } from './kind';
export * from './frames';
export { describeFrame } from './describe';
export type { KeyedStateQuestion, KeyedWorld, KeyedSend } from './question';
