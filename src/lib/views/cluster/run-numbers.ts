/**
 * The numbers a run has shown by the cursor, one per thing a tuning setting moves (basic-15's
 * practices; any cluster page can show them): state rows now, stateful tasks per batch, the
 * longest batch, the largest batch, batches that started late, the worst end-to-end latency.
 * Read off the batches and progress records that completed by t, never recomputed.
 */
import { completedBy, type ClusterSimRun } from '$sim/kinds/cluster';

export interface RunNumber {
	readonly id: 'state' | 'tasks' | 'duration' | 'largest' | 'late' | 'latency';
	readonly label: string;
	readonly value: string;
	/** What the number is read from (a tooltip). */
	readonly from: string;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function runNumbers(run: ClusterSimRun, t: number): RunNumber[] {
	const done = run.batches.slice(0, completedBy(run, t));
	const last = done[done.length - 1];
	if (!last) return [];
	const max = (f: (i: number) => number) => done.reduce((m, _, i) => Math.max(m, f(i)), 0);
	const out: RunNumber[] = [];
	const op = run.progress?.[done.length - 1]?.stateOperators[0];
	if (op)
		out.push({
			id: 'state',
			label: 'state rows now',
			value: n(op.numRowsTotal),
			from: `lastProgress stateOperators[0].numRowsTotal (batch ${last.id})`
		});
	if (op)
		out.push({
			id: 'tasks',
			label: 'tasks per batch',
			value: `${n((last.tasks?.length ?? 0) - op.numShufflePartitions)} + ${n(op.numShufflePartitions)}`,
			from: `batch ${last.id}: read tasks + one stateful task per shuffle partition`
		});
	out.push({
		id: 'duration',
		label: 'longest batch',
		value: s(max((i) => done[i]?.processingMs ?? 0)),
		from: run.intervalMs > 0 ? `against a ${s(run.intervalMs)} trigger` : 'default trigger'
	});
	out.push({
		id: 'largest',
		label: 'largest batch',
		value: `${n(max((i) => done[i]?.records ?? 0))} records`,
		from: 'numInputRows'
	});
	out.push({
		id: 'late',
		label: 'batches started late',
		value: `${n(done.filter((b) => b.schedulingDelayMs >= 50).length)} of ${n(done.length)}`,
		from: 'a batch waited for the one before it'
	});
	out.push({
		id: 'latency',
		label: 'worst latency',
		value: s(max((i) => done[i]?.latencyMs ?? 0)),
		from: 'oldest record of a batch, production to the batch’s end'
	});
	return out;
}
