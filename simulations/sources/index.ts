/** Sources with Spark's offsets and read limits, behind one contract (see contract.ts). */
export * from './contract';
export * from './read-limit';
export * from './trigger-plan';
export * from './rate-micro-batch';
export * from './legacy-adapter';
export * from './kafka/broker';
export * from './kafka/offsets';
export * from './kafka/options';
export * from './kafka/admission';
export * from './kafka/ranges';
export * from './kafka/data-loss';
export * from './kafka/row';
export * from './kafka/stream';
export * from './files/directory';
export * from './files/seen-files';
export * from './files/file-source';
export * from './kafka/producer';
