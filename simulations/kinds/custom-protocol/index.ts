// The custom-protocol kind's public entry: what `src/` may import of it.
export { customProtocolKind } from './kind';
export * from './frames';
export { describeFrame } from './describe';
export type { CustomProtocolQuestion } from './question';
export type { ProtocolBatch, ProtocolCall } from '../../structured/datasource/protocol';
