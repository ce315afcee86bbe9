/**
 * Predict, then reveal, for schema evolution: what from_json does with the first records the
 * producer changed (dropped field, new column, dead letter, failed query), and how many rows of
 * a later batch end up as dead letters or with a null field. Asked once the batch before is on
 * screen, answered from the queries' own output.
 */
import type { Prediction } from '../kind';
import { numericChoices } from '../predict-choices';
import type { SeBatch, SeRecord, SeRun } from './frames';

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

const CHOICES = [
	{ id: 'dropped', label: 'Parsed; what the schema does not name is dropped' },
	{ id: 'column', label: 'Parsed, and the new field shows up as a column' },
	{ id: 'dead', label: 'Kept as a dead letter (_corrupt_record)' },
	{ id: 'fail', label: 'The query fails' }
];

function change(r: SeRecord): string {
	if (r.malformed) return 'a line cut short (not valid JSON)';
	if (r.version === 'v3') return 'amount as a string ("42.50")';
	return 'a new field, currency';
}

function answerOf(r: SeRecord): string {
	if (r.fate === 'failed') return 'fail';
	if (r.fate === 'corrupt') return 'dead';
	return r.ignored.length > 0 ? 'dropped' : 'column';
}

const EXPLAIN: Readonly<Record<string, string>> = {
	dropped:
		'from_json reads only the fields its schema names: the record parsed and the new field was dropped. The schema was fixed when the query started; the data never changes it.',
	column:
		'The schema in the code names the field, so from_json fills it; records sent before the change read it as null.',
	dead: 'The record did not fit the schema: in PERMISSIVE mode from_json returned nulls and kept its raw text in _corrupt_record, so the dead-letter query wrote it.',
	fail: 'In FAILFAST mode from_json threw MALFORMED_RECORD_IN_PARSING on the record: the batch failed, and with it the query. No batch runs after it.'
};

/** The first record of the producer's latest version (else a broken line), and its batch. */
function firstChange(run: SeRun): Prediction | null {
	// The producer's latest change that a batch read is the preset's story (a type change after a
	// field was added); a broken line only when no new version was read.
	const firstOf = (v: string) =>
		run.records.find((x) => x.batchId !== null && !x.malformed && x.version === v);
	const r =
		firstOf('v3') ?? firstOf('v2') ?? run.records.find((x) => x.batchId !== null && x.malformed);
	if (!r) return null;
	const failed = r.fate === 'failed' && run.failure !== null;
	const b = run.batches.find((x) => x.batchId === r.batchId);
	const revealAtMs = failed ? (run.failure?.atMs ?? 0) : (b?.triggerMs ?? 0);
	const prev = [...run.batches].reverse().find((x) => x.triggerMs < revealAtMs);
	if (!prev) return null;
	return {
		id: `change-${r.offset}`,
		askAtMs: prev.triggerMs + 1,
		revealAtMs,
		question: `At ${(r.atMs / 1000).toFixed(1)} s the producer sends ${change(r)}. The code parses with ${run.readerFields.filter((f) => f !== '_corrupt_record').join(', ')} in ${run.parseMode} mode. What happens to that record in the next batch?`,
		choices: CHOICES,
		answer: answerOf(r),
		explanation: `Offset ${r.offset}: ${EXPLAIN[answerOf(r)]}`
	};
}

/** How many dead letters (or rows with a null field) a later batch writes. */
function deadLetters(run: SeRun, after: number): Prediction | null {
	const i = run.batches.findIndex(
		(b) => b.triggerMs > after && b.to > b.from && (b.corrupt > 0 || b.nulls > 0)
	);
	const fallback = run.batches.findIndex((b) => b.triggerMs > after && b.to > b.from);
	const at = i > 0 ? i : fallback;
	if (at <= 0) return null;
	const prev = run.batches[at - 1] as SeBatch;
	const b = run.batches[at] as SeBatch;
	const nulls = b.corrupt === 0 && b.nulls > 0;
	const answer = nulls ? b.nulls : b.corrupt;
	const read = b.to - b.from;
	const { choices, answer: id } = numericChoices(answer, [0, read, Math.max(1, answer * 2)], rows);
	return {
		id: `count-${b.batchId}`,
		askAtMs: prev.triggerMs + 1,
		revealAtMs: b.triggerMs,
		question: nulls
			? `Batch ${b.batchId} reads ${read} records. How many good rows will have a null field?`
			: `Batch ${b.batchId} reads ${read} records. How many rows will the dead-letter query write?`,
		choices,
		answer: id,
		explanation: nulls
			? `${rows(b.nulls)} with a null field: records sent before the producer added it lack it, and a field the schema names but the record lacks reads as null (not an error).`
			: `${rows(b.corrupt)}: each record that does not fit the schema (a broken line, a type that does not convert) keeps its text in _corrupt_record; the other ${b.parsed + b.nulls} are good rows.`
	};
}

export function predictionsOf(run: SeRun): readonly Prediction[] {
	const first = firstChange(run);
	const second = deadLetters(run, first?.revealAtMs ?? 0);
	const out = [first, second].filter((p): p is Prediction => p !== null);
	return out
		.filter((p) => p.revealAtMs <= run.endMs)
		.sort((a, b) => a.askAtMs - b.askAtMs)
		.filter((p, i, all) => i === 0 || p.askAtMs >= (all[i - 1] as Prediction).revealAtMs);
}
