/**
 * What happened in a schema-evolution run, on the processing-time axis, each naming Spark's
 * rule: the producer changing what it sends, each batch and where its records went, the query
 * failing in FAILFAST mode.
 */
import type { SimMarker } from '../kind';
import type { SeRun } from './frames';

const RULES = {
	producer:
		'A streaming query’s schema is fixed when it starts: from_json parses every record with the schema in the code, whatever the producer sends (R10.1).',
	batch:
		'from_json in PERMISSIVE mode returns nulls for what does not fit and keeps the raw text in the corrupt-record column when the schema has one (JSON options, mode; R10.1).',
	failure:
		'from_json in FAILFAST mode throws MALFORMED_RECORD_IN_PARSING on the first record that does not fit; the batch fails and so does the query (R10.1).'
};

const s = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

const CHANGE = {
	v1: 'the producer sends v1 orders',
	v2: 'the producer switches to v2: orders carry currency',
	v3: 'the producer sends amount as a string'
};

export function markersOf(run: SeRun): SimMarker[] {
	const out: SimMarker[] = run.versions.map((v) => ({
		id: `producer-${v.version}`,
		atMs: v.fromMs,
		kind: 'producer',
		label: `${s(v.fromMs)}: ${CHANGE[v.version]}`,
		rule: RULES.producer
	}));
	for (const b of run.batches)
		out.push({
			id: `batch-${b.batchId}`,
			atMs: b.triggerMs,
			kind: 'batch',
			label: `batch ${b.batchId} at ${s(b.triggerMs)}: ${b.to - b.from} records, ${b.parsed + b.nulls} good rows${b.nulls > 0 ? ` (${b.nulls} with a null field)` : ''}, ${b.corrupt} dead letters`,
			rule: RULES.batch
		});
	if (run.failure)
		out.push({
			id: 'failure',
			atMs: run.failure.atMs,
			kind: 'failure',
			label: `batch ${run.failure.batchId} failed: the query stopped (FAILFAST)`,
			rule: RULES.failure
		});
	return out.sort((a, b) => a.atMs - b.atMs);
}
