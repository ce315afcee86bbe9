// The cluster model's public surface (issue 14). Flat list; the UI imports from here.
export * from './admission';
export * from './batch-execution';
export * from './bench';
export * from './dstream-run';
export * from './dynamic-allocation';
export * from './executors';
export * from './input-profile';
export * from './listener';
export * from './partitions';
export * from './progress';
export * from './run';
export * from './scaling-lag';
export * from './scheduler';
export * from './summary';
export * from './task-cost';
export * from './trigger';
export * from './ui-series';
