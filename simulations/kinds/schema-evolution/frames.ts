/**
 * What the schema-evolution view draws of a run, and the run cut at a cursor (`frameAt`): every
 * record the producer sent (its version, its text, and once a batch has read it, its fate under
 * the program's schema and mode), the batches of the two queries, and Spark's error when FAILFAST
 * stops them. Fates come from the queries' own output rows, matched by Kafka offset; the UI only
 * counts them.
 */

export type ProducerVersion = 'v1' | 'v2' | 'v3';

/** What became of a record: a good row, a good row with a field the schema has but the record
 *  lacks (null), a dead letter (kept as `_corrupt_record`), the record the query failed on (or
 *  one in the batch that failed), or not read (yet, or ever, after a failure). */
export type Fate = 'parsed' | 'nulls' | 'corrupt' | 'failed' | 'unread';

export interface SeRecord {
	readonly offset: number;
	readonly atMs: number;
	readonly version: ProducerVersion;
	readonly malformed: boolean;
	readonly value: string;
	readonly fate: Fate;
	/** Fields the record carries that the reader's schema does not name (ignored by from_json). */
	readonly ignored: readonly string[];
	/** Schema fields that came out null on a good row. */
	readonly nullFields: readonly string[];
	/** The batch that read it (null: never read). */
	readonly batchId: number | null;
}

export interface SeBatch {
	readonly batchId: number;
	readonly triggerMs: number;
	/** Offsets [from, to) it read. */
	readonly from: number;
	readonly to: number;
	readonly parsed: number;
	readonly nulls: number;
	readonly corrupt: number;
	/** Rows each query wrote, as Spark's CAST to string prints them. */
	readonly goodRows: readonly (readonly string[])[];
	readonly deadRows: readonly (readonly string[])[];
}

export interface SeRun {
	readonly topic: string;
	readonly parseMode: string;
	/** The reader's schema fields (from_json's schema, as the program says it). */
	readonly readerFields: readonly string[];
	readonly goodColumns: readonly string[];
	readonly deadColumns: readonly string[];
	readonly records: readonly SeRecord[];
	readonly batches: readonly SeBatch[];
	/** When the producer started sending each version. */
	readonly versions: readonly { readonly version: ProducerVersion; readonly fromMs: number }[];
	readonly failure: {
		readonly atMs: number;
		readonly batchId: number;
		readonly message: string;
	} | null;
	readonly endMs: number;
	readonly spans: {
		readonly parse: { line: number; endLine: number } | null;
		readonly good: { line: number; endLine: number } | null;
		readonly dead: { line: number; endLine: number } | null;
	};
}

export type FateCounts = Readonly<Record<Fate, number>>;

export interface SeFrame {
	readonly t: number;
	/** Records sent by the cursor, with the fate known at the cursor (unread until read). */
	readonly records: readonly SeRecord[];
	readonly batches: readonly SeBatch[];
	readonly current: SeBatch | null;
	readonly failed: string | null;
	/** Per producer version, records by fate at the cursor. */
	readonly counts: Readonly<Record<ProducerVersion, FateCounts>>;
}

const zero = (): Record<Fate, number> => ({
	parsed: 0,
	nulls: 0,
	corrupt: 0,
	failed: 0,
	unread: 0
});

export function frameAt(run: SeRun, t: number): SeFrame {
	const batches = run.batches.filter((b) => b.triggerMs <= t);
	const failed = run.failure !== null && run.failure.atMs <= t ? run.failure.message : null;
	const readBy = new Set(batches.map((b) => b.batchId));
	if (failed !== null && run.failure) readBy.add(run.failure.batchId);
	const records = run.records
		.filter((r) => r.atMs <= t)
		.map((r) =>
			r.batchId !== null && readBy.has(r.batchId) ? r : { ...r, fate: 'unread' as const }
		);
	const counts = { v1: zero(), v2: zero(), v3: zero() };
	for (const r of records) counts[r.version][r.fate]++;
	return { t, records, batches, current: batches.at(-1) ?? null, failed, counts };
}
