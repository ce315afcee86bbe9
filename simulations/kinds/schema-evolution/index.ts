// The schema-evolution kind's public entry: what `src/` may import of it.
export { schemaEvolutionKind } from './kind';
export * from './frames';
export { describeFrame } from './describe';
export type { SchemaEvolutionQuestion, ProducerWorld } from './question';
