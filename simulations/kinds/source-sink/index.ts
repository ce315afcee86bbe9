// The sources-and-sinks kind's public entry: what `src/` may import of it.
export { sourceSinkKind } from './kind';
export * from './frames';
export { describeFrame } from './describe';
export type { SourceSinkQuestion, TopicWorld } from './question';
