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
}

const cell = (v: Value): string =>
	v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function sinkSnapshot(
	sink: StreamingSink,
	outcome: SinkWriteOutcome | undefined,
	duplicatesBefore: number
): SinkSnapshot {
	const tail = sinkTail(sink, SNAPSHOT_ROWS);
	return {
		status: outcome?.status ?? null,
		note: outcome?.note ?? null,
		delivered: outcome?.delivered.length ?? 0,
		visible: tail.visible,
		rows: tail.rows.map((r) => r.map(cell)),
		copies: tail.rows.map((_, i) => tail.copies[i] === true),
		duplicates: tail.duplicates,
		duplicated: tail.duplicates - duplicatesBefore
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
