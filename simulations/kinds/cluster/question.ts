/**
 * What a cluster page (a query under load) supplies beside its program: the world the program
 * runs in, which the program cannot say (how fast producers write, what a record costs, how big
 * the cluster is), from the page's simulation-only parameters; and how the settings the program
 * does say map back onto its controls.
 */
import type { Params } from '../../core/params';
import type { RateProfile } from '../../cluster/input-profile';
import type { SweepPlan } from '../../cluster/sweep';
import type { TaskCost } from '../../cluster/task-cost';
import type { ChallengeWorld } from '../../cluster/challenges';
import type { SimQuestion } from '../kind';
import type { ProgramSettings } from './settings';

export interface ClusterWorld {
	/** The producers' rate over the run (records/s). */
	readonly profile: RateProfile;
	/** Seeded noise on each second's count. */
	readonly jitter: number;
	/** Kafka partitions of the topic (Structured) — a DStream socket receiver's batch has one
	 *  partition per block instead (batch interval / block interval). */
	readonly partitions: number;
	readonly cost: TaskCost;
	/** Driver work per batch or job (ms). */
	readonly driverOverheadMs: number;
	/** Structured: executors × cores (a DStream program's local[n] says its own cores). */
	readonly executors: number;
	readonly coresPerExecutor: number;
	/** Distinct grouping keys (a stateful query's state rows). */
	readonly keys: number;
	/** Request → registration of a new executor (container or pod scheduled, JVM started). */
	readonly executorStartupMs: number;
	/** Of that, how long a request can still be cancelled (before the container is granted). */
	readonly executorAllocationMs: number;
	/** What each state row held costs a stateful task per batch (ms), by state store provider
	 *  (illustrative: the HDFS-backed store's rows live on the JVM heap). Absent = 0. */
	readonly stateRowCostMs?: { readonly hdfs: number; readonly rocksdb: number };
	/** Share of records on the topic's hottest partition beyond an even spread. Absent = 0. */
	readonly sourceSkew?: number;
	/** Late events and malformed records in the input (cluster/challenges.ts). Absent: none. */
	readonly challenge?: ChallengeWorld;
	/** A record the malformed share looks like (what FAILFAST's error prints). */
	readonly malformedPayload?: string;
}

export interface ClusterScenario extends SimQuestion {
	readonly kind: 'cluster';
	readonly api: 'structured' | 'dstream';
	/** Virtual run length (ms). */
	readonly runMs: number;
	/** Epoch ms of virtual 0 (lastProgress timestamps). */
	readonly startEpochMs: number;
	world(params: Params): ClusterWorld;
	/** The controls as the program's settings say them (an edit in the editor moves them). */
	paramsFromSettings(settings: ProgramSettings, params: Params): Params;
	/** The program starts several queries (results and dead letters): the run is the first. */
	readonly manyQueries?: boolean;
	/** A page that sweeps one setting (advanced-05): the values its run also runs, one point each. */
	sweep?(params: Params): SweepPlan | null;
}
