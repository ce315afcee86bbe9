/**
 * SIM-1's run as markers on the processing-time axis, each naming the Spark rule that fired, in
 * the order of one trigger (SPARK-SEMANTICS R1.2, R1.4): the trigger constructs batch N; offsets/N
 * is written (walCommit); the sink receives the batch's rows (addBatch, R4.3); commits/N is
 * written. A trigger that found no new data is an idle trigger; a batch that ran longer than the
 * interval is ProcessingTimeExecutor's "falling behind" warning.
 */
import type { BatchRecord, Trace } from '../../microbatch/trace';

export type MicroBatchMarkerKind = 'trigger' | 'offsets' | 'emitted' | 'commit' | 'idle' | 'behind';

/** The kinds in the order one trigger produces them (also the scrubber's lanes). */
export const MICRO_BATCH_MARKER_KINDS: readonly MicroBatchMarkerKind[] = [
	'trigger',
	'offsets',
	'emitted',
	'commit',
	'idle',
	'behind'
];

export interface MicroBatchMarker {
	/** Unique in the run: `<kind>-<batchId>` (idle triggers: `idle-<index>`). */
	readonly id: string;
	readonly atMs: number;
	readonly kind: MicroBatchMarkerKind;
	readonly batchId: number | null;
	readonly label: string;
	readonly rule: string;
}

export const MICRO_BATCH_RULES = {
	trigger:
		'R1.2: a trigger asks each source for its latest offset and constructs batch N only if there is new data (a fresh checkpoint always constructs batch 0).',
	noDataBatch:
		'R1.5: with no new data, a batch still runs when the watermark lets a stateful operator emit or evict state.',
	offsets:
		'R1.2 step 2d: offsets/N, the write-ahead log of the offsets batch N reads, is durable (walCommit) before the batch runs.',
	complete: 'R4.3: complete mode writes the whole result table to the sink every batch.',
	update: 'R4.3: update mode writes only the result rows this batch changed.',
	append: 'R4.3: append mode writes each row once, when it can no longer change.',
	commit:
		'R1.2 step 4: commits/N is written once the sink has batch N; a restart resumes after it.',
	idle: 'R1.4: a processingTime trigger with no new data constructs no batch; the source is polled again at the next tick.',
	behind:
		'R1.4.2: a batch that runs longer than the interval makes ProcessingTimeExecutor warn "Current batch is falling behind" and start the next trigger at once (missed ticks are skipped).'
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** When a batch's phase ends (its durations are laid end to end from the trigger). */
function phaseEnd(b: BatchRecord, phase: string): number {
	const p = b.phases.find((x) => x.phase === phase);
	return p ? p.startMs + p.durationMs : b.commitAt;
}

function batchMarkers(trace: Trace, b: BatchRecord): MicroBatchMarker[] {
	const n = b.batchId as number;
	const at = (
		kind: MicroBatchMarkerKind,
		atMs: number,
		label: string,
		rule: string
	): MicroBatchMarker => ({
		id: `${kind}-${n}`,
		atMs,
		kind,
		batchId: n,
		label,
		rule
	});
	const range = `${b.startOffset ?? 'none'} → ${b.endOffset}`;
	const mode = trace.query.outputMode;
	const out = [
		b.noData
			? at('trigger', b.triggerAt, `no-data batch ${n} constructed`, MICRO_BATCH_RULES.noDataBatch)
			: at(
					'trigger',
					b.triggerAt,
					`batch ${n} triggered: ${plural(b.numInputRows, 'new row')}`,
					MICRO_BATCH_RULES.trigger
				),
		at(
			'offsets',
			phaseEnd(b, 'walCommit'),
			`offsets/${n} written: ${range}`,
			MICRO_BATCH_RULES.offsets
		),
		at(
			'emitted',
			phaseEnd(b, 'addBatch'),
			`batch ${n}: the sink received ${plural(b.numOutputRows, 'row')} (${mode})`,
			MICRO_BATCH_RULES[mode]
		),
		at('commit', b.commitAt, `commits/${n} written`, MICRO_BATCH_RULES.commit)
	];
	if (b.fallingBehind) {
		const interval = trace.config.trigger.intervalMs;
		const spent = b.commitAt - b.triggerAt;
		out.push(
			at(
				'behind',
				b.commitAt,
				`batch ${n} took ${spent} ms, longer than the ${interval} ms interval: falling behind`,
				MICRO_BATCH_RULES.behind
			)
		);
	}
	return out;
}

export function microBatchMarkers(trace: Trace): MicroBatchMarker[] {
	const out: MicroBatchMarker[] = [];
	for (const b of trace.batches) out.push(...batchMarkers(trace, b));
	trace.idleTriggers.forEach((t, i) =>
		out.push({
			id: `idle-${i}`,
			atMs: t,
			kind: 'idle',
			batchId: null,
			label: 'trigger found no new data: no batch',
			rule: MICRO_BATCH_RULES.idle
		})
	);
	const rank = (k: MicroBatchMarkerKind) => MICRO_BATCH_MARKER_KINDS.indexOf(k);
	return out.sort((a, z) => a.atMs - z.atMs || rank(a.kind) - rank(z.kind));
}
