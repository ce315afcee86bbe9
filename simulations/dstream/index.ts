/**
 * Public surface of the DStream engine (legacy Spark Streaming, SPARK-SEMANTICS §8): read a
 * PySpark DStream program, run it batch by batch over virtual time with receivers, rate limits and
 * backpressure, and get a deterministic event trace; plus the PID estimator and the conformance
 * runner on their own.
 */
export { readDStreamProgram, validateAtStart, defaultCheckpointMs } from './reader';
export type { DStreamProgram, ReadOptions } from './reader';
export { BatchRunner, pyDatetime } from './batches';
export type { BatchResult, OutputResult, RddSnapshot } from './batches';
export { simulateDStreams } from './simulate';
export { simulateDriverRestart, walEnabled } from './recovery';
export type { DriverFailure, RecoveryFacts, RecoveryRun } from './recovery';
export { readStreamingConf, timeMs } from './streaming-conf';
export type { KafkaSource, RecordSource, SimulateOptions } from './simulate';
export { runDStreams, traceObservable } from './run';
export type { DStreamEvent } from './events';
export { pidRateEstimator, PID_DEFAULTS } from './pid';
export type { PidConfig, PidRateEstimator, PidStep } from './pid';
export { ReceiverRateLimiter, kafkaUntilOffsets } from './rate';
export { DEFAULT_COST, makespan, processingMs } from './cost';
export type { CostModel } from './cost';
export { runDStreamScenario, collectTransformOutputs, fromJson, toJson } from './conformance';
export type { TransformRun } from './conformance';
export { ExecutorAllocationManager, allocationConfig } from './allocation';
export type { AllocationConfig, AllocationDecision } from './allocation';
