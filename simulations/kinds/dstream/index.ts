// The DStream kind's public entry: what `src/` may import of it (views, types, the kind).
export { dstreamKind, structuredCompanion } from './kind';
export * from './frames';
export * from './markers';
export { dstreamCodeFocusAt, type DsCodeFocus } from './code-focus';
export { describeFrame } from './describe';
export type { DStreamScenario } from './question';
export type { SsRun, SsBatch, SsLine } from './structured-socket';
export { structuredVariant, type StructuredVariant } from './structured-variants';
