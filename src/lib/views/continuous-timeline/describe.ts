/**
 * The words beside the continuous timeline: the aria-label (what a sighted viewer reads off the
 * picture at this instant), the one-line contrast with micro-batches, and the epoch table's rows.
 */
import type { ContinuousTrace } from '$sim/kinds/micro-batch';
import { secondsLabel } from '../format';
import { intervalWords, latencyLabel } from './format';

const committedBy = (trace: ContinuousTrace, now: number) =>
	trace.epochs.filter((e) => e.commitMs !== null && e.commitMs <= now);

export function describeContinuous(trace: ContinuousTrace, now: number): string {
	const done = committedBy(trace, now);
	const last = done.at(-1);
	const running = trace.lanes.filter((l) =>
		l.taskStartMs.some((s) => s !== null && s <= now)
	).length;
	const parts = [
		`Continuous processing at ${secondsLabel(now)}: ${running} of ${trace.lanes.length} tasks running, ` +
			`${done.length} epochs committed.`
	];
	if (last)
		parts.push(`Last: epoch ${last.epoch} at ${secondsLabel(last.commitMs!)}, ${last.rows} rows.`);
	const p = trace.latency.processing;
	if (p) parts.push(`A row is typically processed ${latencyLabel(p.p50)} after it is due.`);
	if (trace.stall) parts.push(trace.stall.message);
	const f = trace.failure;
	if (f && f.atMs <= now) {
		parts.push(
			`A task failed at ${secondsLabel(f.atMs)}; the last committed epoch was ${f.lastCommittedEpoch ?? 'none'}.`
		);
		if (f.restartMs !== null && f.restartMs <= now) {
			parts.push(`After the restart ${f.reprocessedRows} rows were processed a second time.`);
		}
	}
	return parts.join(' ');
}

/** One line: the latency contrast, the guarantee, and what the trigger value really is. */
export function contrastCaption(trace: ContinuousTrace): string {
	const p = trace.latency.processing;
	const mb = trace.latency.microBatch;
	const every = intervalWords(trace.config.epochIntervalMs);
	const rowLatency = p
		? `each row is processed ${latencyLabel(p.p50)} after it is due`
		: 'no row is processed';
	const micro = mb.latency
		? ` (as micro-batches every ${intervalWords(mb.triggerIntervalMs)}: mean ${latencyLabel(mb.latency.mean)}, max ${latencyLabel(mb.latency.max)})`
		: '';
	return `Continuous: ${rowLatency}${micro}; at-least-once; continuous="${every}" is the checkpoint (epoch) interval, not a batch.`;
}

/** The sink's side of the story: when rows become visible, and what a restart duplicated. */
export function sinkCaption(trace: ContinuousTrace): string {
	const sink = trace.config.sink;
	const perEpoch = sink === 'console' || sink === 'memory';
	const when = perEpoch
		? `The ${sink} sink publishes an epoch when it commits`
		: `The ${sink} sink writes each row as its task processes it`;
	const s = trace.latency.sink;
	const f = trace.failure;
	let dup = '';
	if (f && f.restartMs !== null && f.reprocessedRows > 0) {
		dup = ` After the restart, ${f.reprocessedRows} rows were processed again; `;
		dup +=
			f.duplicatesInSink > 0
				? `the sink received ${f.duplicatesInSink} of them twice.`
				: `the ${sink} sink had not published them yet, so it shows no duplicates (a Kafka or foreach sink would have).`;
	}
	return `${when}${s ? ` (row due → visible: mean ${latencyLabel(s.mean)})` : ''}.${dup}`;
}

/** The epochs as table rows: the accessible twin of the epoch lines, with offsets per partition. */
export function epochTableRows(trace: ContinuousTrace, now: number) {
	return trace.epochs
		.filter((e) => e.startMs <= now)
		.map((e) => {
			const committed = e.commitMs !== null && e.commitMs <= now;
			return {
				id: `${e.run}:${e.epoch}`,
				epoch: e.epoch,
				run: e.run,
				start: secondsLabel(e.startMs),
				commit: committed ? secondsLabel(e.commitMs!) : '—',
				rows: committed ? String(e.rows) : '—',
				offsets: committed
					? e.ends.map((x) => `p${x.partition}: ${x.offset.value}`).join(', ')
					: '—'
			};
		});
}
