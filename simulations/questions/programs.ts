// The PySpark programs of every question, at default parameters, with `# <- paramId` markers.
import type { ProgramTemplate } from '../core/template';
import { programs as basic01StreamProcessing } from './basic-01-stream-processing/program';
import { programs as basic02PysparkStreamingSupport } from './basic-02-pyspark-streaming-support/program';
import { programs as basic03Dstreams } from './basic-03-dstreams/program';
import { programs as basic04Sources } from './basic-04-sources/program';
import { programs as basic05Windows } from './basic-05-windows/program';
import { programs as basic06Checkpoints } from './basic-06-checkpoints/program';
import { programs as basic07StatefulOperations } from './basic-07-stateful-operations/program';
import { programs as basic08LateData } from './basic-08-late-data/program';
import { programs as basic09KafkaIntegration } from './basic-09-kafka-integration/program';
import { programs as basic10Sinks } from './basic-10-sinks/program';
import { programs as basic11MicroBatches } from './basic-11-micro-batches/program';
import { programs as basic12Monitoring } from './basic-12-monitoring/program';
import { programs as basic13Challenges } from './basic-13-challenges/program';
import { programs as basic14FaultTolerance } from './basic-14-fault-tolerance/program';
import { programs as basic15BestPractices } from './basic-15-best-practices/program';
import { programs as advanced01Internals } from './advanced-01-internals/program';
import { programs as advanced02EventTimeWatermarks } from './advanced-02-event-time-watermarks/program';
import { programs as advanced03ExactlyOnce } from './advanced-03-exactly-once/program';
import { programs as advanced04CheckpointRecovery } from './advanced-04-checkpoint-recovery/program';
import { programs as advanced05LatencyThroughput } from './advanced-05-latency-throughput/program';
import { programs as advanced06DynamicScaling } from './advanced-06-dynamic-scaling/program';
import { programs as advanced07EventTimeAndState } from './advanced-07-event-time-and-state/program';
import { programs as advanced08StatefulTransformations } from './advanced-08-stateful-transformations/program';
import { programs as advanced09CustomSourcesSinks } from './advanced-09-custom-sources-sinks/program';
import { programs as advanced10Backpressure } from './advanced-10-backpressure/program';
import { programs as advanced11SchemaEvolution } from './advanced-11-schema-evolution/program';
import { programs as advanced12TestingDebugging } from './advanced-12-testing-debugging/program';
import { programs as advanced13LibrariesCustomTransformations } from './advanced-13-libraries-custom-transformations/program';
import { programs as advanced14JoinsAggregations } from './advanced-14-joins-aggregations/program';
import { programs as advanced15RealWorldApplications } from './advanced-15-real-world-applications/program';

export const PROGRAMS: Readonly<Record<string, readonly ProgramTemplate[]>> = {
	'basic-01-stream-processing': basic01StreamProcessing,
	'basic-02-pyspark-streaming-support': basic02PysparkStreamingSupport,
	'basic-03-dstreams': basic03Dstreams,
	'basic-04-sources': basic04Sources,
	'basic-05-windows': basic05Windows,
	'basic-06-checkpoints': basic06Checkpoints,
	'basic-07-stateful-operations': basic07StatefulOperations,
	'basic-08-late-data': basic08LateData,
	'basic-09-kafka-integration': basic09KafkaIntegration,
	'basic-10-sinks': basic10Sinks,
	'basic-11-micro-batches': basic11MicroBatches,
	'basic-12-monitoring': basic12Monitoring,
	'basic-13-challenges': basic13Challenges,
	'basic-14-fault-tolerance': basic14FaultTolerance,
	'basic-15-best-practices': basic15BestPractices,
	'advanced-01-internals': advanced01Internals,
	'advanced-02-event-time-watermarks': advanced02EventTimeWatermarks,
	'advanced-03-exactly-once': advanced03ExactlyOnce,
	'advanced-04-checkpoint-recovery': advanced04CheckpointRecovery,
	'advanced-05-latency-throughput': advanced05LatencyThroughput,
	'advanced-06-dynamic-scaling': advanced06DynamicScaling,
	'advanced-07-event-time-and-state': advanced07EventTimeAndState,
	'advanced-08-stateful-transformations': advanced08StatefulTransformations,
	'advanced-09-custom-sources-sinks': advanced09CustomSourcesSinks,
	'advanced-10-backpressure': advanced10Backpressure,
	'advanced-11-schema-evolution': advanced11SchemaEvolution,
	'advanced-12-testing-debugging': advanced12TestingDebugging,
	'advanced-13-libraries-custom-transformations': advanced13LibrariesCustomTransformations,
	'advanced-14-joins-aggregations': advanced14JoinsAggregations,
	'advanced-15-real-world-applications': advanced15RealWorldApplications
};
