/**
 * What a fault-tolerance page supplies (basic-06, and the SIM-5 pages after it): the program's
 * parameters and presets (SimQuestion), and the world outside the query: a Kafka topic of sensor
 * readings, its producer, and the failure the page injects (at a batch, in a phase of the
 * driver's loop), after which the deployment restarts the driver from the checkpoint.
 */
import type { Params } from '../../core/params';
import type { FailurePhase } from '../../structured/failures/schedule';
import type { SimQuestion } from '../kind';

export interface FtWorld {
	readonly topic: string;
	/** What the producer's records hold: sensor readings or orders (QUESTIONS.md §0.3). */
	readonly records: 'sensor' | 'orders' | 'purchases';
	readonly partitions: number;
	readonly recordsPerSecond: number;
	/** Distinct devices (sensor readings) or customers (orders). */
	readonly keys: number;
	/** The failure: the driver dies (or an executor is lost) in this batch, at this phase. */
	readonly failure: { readonly batchId: number; readonly phase: FailurePhase } | null;
	/** How long the driver stays down before the deployment restarts it. */
	readonly downMs: number;
	readonly runMs: number;
	/** Executors and cores to draw the batches on (advanced-01); absent: the loop's cost only. */
	readonly cluster?: { readonly executors: number; readonly coresPerExecutor: number };
	/** Also run the same seed without the failure, and count what the failure changed in the
	 *  output (rows missing, rows delivered twice): the ledger's comparison (basic-14). */
	readonly compareWithFailureFree?: boolean;
	/** The program the query ran before the restart, when the page changes it for the restart
	 *  (advanced-04): the run starts with this one and restarts with the editor's, if Spark lets it. */
	readonly firstProgram?: string;
	/** Draw the state store: each restart's recovery per partition (advanced-04). */
	readonly drawRecovery?: boolean;
	/** The committed batch id whose state the state data source reads (advanced-04's time travel). */
	readonly inspectBatchId?: number;
}

export interface FaultToleranceQuestion extends SimQuestion {
	readonly kind: 'fault-tolerance';
	world(params: Params): FtWorld;
}
