/**
 * What the sink holds after a batch, as plain data for the view (the sink object itself lives
 * only while the run is built): the rows a reader of the sink sees now (sinks/view.ts: the memory
 * table, the committed files, the topic's records, what was printed), what this batch's write did
 * (written, or skipped because the sink already had its id), and the delivery ledger's count of
 * rows delivered more than once. Also the producer's records, one JSON value per planned send.
 */
import { isoText } from '../../core/calendar';
import type { Rng } from '../../core/rng';
import type { SinkKind, SinkStatus, SinkWriteOutcome, StreamingSink } from '../../sinks/contract';
import { ForeachBatchSink } from '../../sinks/foreach-batch-sink';
import { sinkTail } from '../../sinks/view';
import type { Value } from '../../structured/expr/ast';
import type { PlannedSend } from '../../sources/kafka/producer';

/** Rows of the sink's contents kept per snapshot: the newest, as a reader scrolls to them. */
export const SNAPSHOT_ROWS = 8;

export interface SinkSnapshot {
	/** What this batch's write did; null for a query without a sink write. */
	readonly status: SinkStatus | null;
	/** Spark's note, e.g. the file sink's "Skipping already committed batch 3". */
	readonly note: string | null;
	/** Rows this write made visible to a reader. */
	readonly delivered: number;
	/** Rows a reader of the sink sees now, and the newest of them. */
	readonly visible: number;
	readonly rows: readonly (readonly string[])[];
	/** Per row of `rows`: a second delivery of a row the ledger counts twice (a replay's copy). */
	readonly copies: readonly boolean[];
	/** Deliveries beyond the first (the ledger): what a replay left twice. */
	readonly duplicates: number;
	/** Of those, the ones this write added: a re-run batch's rows written twice, or 0 when the
	 *  write replaced its first attempt's rows (a foreachBatch overwrite keyed on batch_id). */
	readonly duplicated: number;
	/** A foreachBatch function's targets (a topic, a table), each with its own count: one batch
	 *  written to two places, and what a replay did to each. Empty for the built-in sinks. */
	readonly targets: readonly TargetSnapshot[];
	/** Per row of `rows`: its target ('' for a sink with one). */
	readonly rowTargets: readonly string[];
}

export interface TargetSnapshot {
	/** Where the function wrote (batch-target.ts: `Kafka topic device-counts`, `parquet /out`). */
	readonly target: string;
	/** What this batch's call wrote there: its save mode's effect and rows (0 rows, no mode: the
	 *  call did not write there). */
	readonly mode: 'append' | 'overwrite' | null;
	readonly wrote: number;
	/** Rows a reader of this target sees now, and the deliveries beyond the first. */
	readonly visible: number;
	readonly duplicates: number;
	/** Of those, the ones this batch's write added. */
	readonly duplicated: number;
}

/** Per target of a foreachBatch function: what this call wrote there and what the target holds. */
function targetsOf(
	sink: StreamingSink,
	outcome: SinkWriteOutcome | undefined,
	before: readonly TargetSnapshot[]
): TargetSnapshot[] {
	if (!(sink instanceof ForeachBatchSink)) return [];
	const names = sink.ledger.targets().filter((t) => t !== '');
	const call = sink.calls.at(-1);
	const effects = outcome && call?.batchId === outcome.batchId ? call.effects : [];
	return names.map((target) => {
		const mine = effects.filter((e) => e.target === target);
		const totals = sink.ledger.totals(target);
		const prior = before.find((t) => t.target === target)?.duplicates ?? 0;
		return {
			target,
			mode: mine.at(-1)?.kind ?? null,
			wrote: mine.reduce((n, e) => n + e.rows.length, 0),
			visible: totals.writes,
			duplicates: totals.extraWrites,
			duplicated: totals.extraWrites - prior
		};
	});
}

const cell = (v: Value): string =>
	v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function sinkSnapshot(
	sink: StreamingSink,
	outcome: SinkWriteOutcome | undefined,
	before: SinkSnapshot | undefined
): SinkSnapshot {
	const tail = sinkTail(sink, SNAPSHOT_ROWS);
	const duplicatesBefore = before?.duplicates ?? 0;
	return {
		status: outcome?.status ?? null,
		note: outcome?.note ?? null,
		delivered: outcome?.delivered.length ?? 0,
		visible: tail.visible,
		rows: tail.rows.map((r) => r.map(cell)),
		copies: tail.rows.map((_, i) => tail.copies[i] === true),
		duplicates: tail.duplicates,
		duplicated: tail.duplicates - duplicatesBefore,
		targets: targetsOf(sink, outcome, before?.targets ?? []),
		rowTargets: tail.targets
	};
}

/** The columns of the rows sinkView shows: a Kafka sink's records carry their place in the topic. */
export function sinkColumns(sink: StreamingSink, queryColumns: readonly string[]): string[] {
	const kind: SinkKind = sink.kind;
	return kind === 'kafka' ? ['key', 'value', 'topic', 'partition', 'offset'] : [...queryColumns];
}

/** Virtual 0 on the wall clock the records' event times are written in. */
const EPOCH_MS = Date.UTC(2026, 0, 1);
const CUSTOMERS = ['ana', 'bo', 'chen', 'dee', 'eli', 'fay'];
const DEVICES = ['d-1', 'd-2', 'd-3', 'd-4'];

/** The JSON value of one produced record (the program's from_json reads it). */
export function recordOf(kind: 'orders' | 'sensor-events', s: PlannedSend, rng: Rng): string {
	const n = Number(s.value);
	if (kind === 'orders')
		return JSON.stringify({
			order_id: `o-${s.value}`,
			customer: CUSTOMERS[n % CUSTOMERS.length],
			amount: Math.round(50 + rng.next() * 950),
			event_time: isoText(EPOCH_MS + s.atMs)
		});
	// A sensor's reading arrives up to 2 s after it was taken.
	return JSON.stringify({
		device: DEVICES[n % DEVICES.length],
		reading: Math.round(180 + rng.next() * 80) / 10,
		event_time: isoText(EPOCH_MS + s.atMs - Math.floor(rng.next() * 2000))
	});
}
