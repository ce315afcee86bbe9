/**
 * The ledger's comparison (basic-14): the same program and seed run again without the failure,
 * and the two outputs compared row by row (by value, whatever batch wrote them): what is missing,
 * what differs, what a reader sees twice. And the records each run read, a re-run batch counted
 * once: a replayable source reads the same records; a socket's lost lines are never read.
 */
import type { Result, SourceError } from '../../core/errors';
import type { DeliveryLedger } from '../../sinks/ledger';
import type { FtComparison, FtRun } from './frames';
import type { FtWorld } from './question';
import { runFaultTolerance } from './run';

/** A row's value as compared: doubles to 12 significant digits, because an average summed over
 *  other batch boundaries differs in its last bits (floating-point addition is not associative,
 *  in Spark too) and that is not a row the failure changed. */
const rowKey = (row: unknown): string =>
	JSON.stringify(row, (_k, v: unknown) =>
		typeof v === 'number' && !Number.isInteger(v)
			? Number(v.toPrecision(12))
			: // A Kafka record's value is the row as JSON text: the same doubles, inside a string.
				typeof v === 'string'
				? v.replace(/-?\d+\.\d{12,}/g, (d) => String(Number(Number(d).toPrecision(12))))
				: v
	);

/** How many times each row value was written (distinct rows, replays aside). */
function rowCounts(ledger: DeliveryLedger): Map<string, number> {
	const out = new Map<string, number>();
	for (const e of ledger.all()) {
		const k = rowKey(e.row);
		out.set(k, (out.get(k) ?? 0) + 1);
	}
	return out;
}

/** Records read, each batch id once (its last attempt: the one whose state and output stand). */
function recordsRead(run: FtRun): number {
	const last = new Map<number, number>();
	for (const b of run.batches)
		if (b.failed !== 'beforeOffsetLog') last.set(b.batchId, b.numInputRows);
	return [...last.values()].reduce((a, n) => a + n, 0);
}

export function compareOutputs(
	failed: { run: FtRun; ledger: DeliveryLedger },
	clean: { run: FtRun; ledger: DeliveryLedger }
): FtComparison {
	const want = rowCounts(clean.ledger);
	const got = rowCounts(failed.ledger);
	let missing = 0;
	let unexpected = 0;
	for (const [k, n] of want) missing += Math.max(0, n - (got.get(k) ?? 0));
	for (const [k, n] of got) unexpected += Math.max(0, n - (want.get(k) ?? 0));
	return {
		expectedRows: [...want.values()].reduce((a, n) => a + n, 0),
		missing,
		unexpected,
		duplicates: failed.ledger.totals().extraWrites,
		expectedInput: recordsRead(clean.run),
		input: recordsRead(failed.run)
	};
}

/** The run, with its comparison when the world asks for one. */
export function runComparedWithFailureFree(
	code: string,
	world: FtWorld,
	seed: number
): Result<FtRun, SourceError> {
	let ledger: DeliveryLedger | null = null;
	const r = runFaultTolerance(code, world, seed, (l) => (ledger = l));
	if (!r.ok || !world.compareWithFailureFree || r.value.refused !== null || ledger === null)
		return r;
	let cleanLedger: DeliveryLedger | null = null;
	const clean = runFaultTolerance(
		code,
		{ ...world, failure: null },
		seed,
		(l) => (cleanLedger = l)
	);
	if (!clean.ok || cleanLedger === null) return r;
	r.value.comparison = compareOutputs(
		{ run: r.value, ledger },
		{ run: clean.value, ledger: cleanLedger }
	);
	return r;
}
