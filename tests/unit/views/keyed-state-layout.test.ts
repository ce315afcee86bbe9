// The keyed-state timeline: a key's state is held from the batch that wrote it to the batch that
// removed it, the cross of a timed-out call sits at that batch (after the deadline tick), records
// are dots, and the sparkline counts keys in state after each batch up to the cursor.
import { describe, expect, it } from 'vitest';
import { layoutTimeline, stateSparkline } from '../../../src/lib/views/keyed-state/layout';
import type { KsBatch, KsRun } from '../../../simulations/kinds/keyed-state/frames';

const row = (key: string, deadlineMs: number | null) => ({
	key,
	cells: ['1'],
	deadlineMs,
	touched: true
});
const batch = (batchId: number, extra: Partial<KsBatch>): KsBatch => ({
	batchId,
	triggerMs: batchId * 2000,
	noData: false,
	numInputRows: 0,
	watermarkMs: null,
	calls: [],
	state: [],
	removed: [],
	emitted: [],
	...extra
});
const timedOut = {
	key: 'ana',
	inputRows: 0,
	input: [],
	hasTimedOut: true,
	before: '(1)',
	after: null,
	deadlineMs: null,
	emitted: ['(ana, 1)']
};

const run: KsRun = {
	operator: 'applyInPandasWithState',
	functionName: 'f',
	timeout: 'ProcessingTimeTimeout',
	outputMode: 'append',
	keyColumns: ['user'],
	stateColumns: ['n'],
	outputColumns: ['user', 'n'],
	sends: [
		{ atMs: 1000, key: 'ana' },
		{ atMs: 3000, key: 'bo' }
	],
	keys: ['ana', 'bo'],
	batches: [
		batch(0, {}),
		batch(1, { state: [row('ana', 5000)] }),
		batch(2, { state: [row('ana', 5000), row('bo', 7000)] }),
		batch(3, { noData: true, calls: [timedOut], state: [row('bo', 7000)], removed: ['ana'] })
	],
	triggerIntervalMs: 2000,
	failure: null,
	endMs: 10_000,
	spans: { fn: null, stateful: null, sink: null }
};

describe('layoutTimeline', () => {
	it('holds state from the batch that wrote it until the batch that removed it', () => {
		const l = layoutTimeline(run, 6000, 1060);
		const x = (ms: number) => 60 + ((1060 - 60 - 12) * ms) / 10_000;
		const [ana, bo] = l.rows;
		expect(ana?.held).toEqual([{ x1: x(2000), x2: x(6000), open: false }]);
		expect(ana?.timeouts).toEqual([x(6000)]);
		expect(ana?.deadlineX).toBeNull();
		expect(bo?.held).toEqual([{ x1: x(4000), x2: x(6000), open: true }]);
		expect(bo?.deadlineX).toBe(x(7000));
		expect(ana?.dots).toEqual([x(1000)]);
		expect(l.batches.map((b) => b.noData)).toEqual([false, false, false, true]);
	});

	it('shows only what happened by the cursor', () => {
		const l = layoutTimeline(run, 2500, 1060);
		expect(l.rows[1]?.dots).toEqual([]);
		expect(l.rows[0]?.timeouts).toEqual([]);
		expect(l.batches).toHaveLength(2);
	});
});

describe('stateSparkline', () => {
	it('steps through the keys in state after each batch', () => {
		const s = stateSparkline(run, 6000, 100, 40);
		expect(s.max).toBe(2);
		expect(s.last).toBe(1);
		expect(s.path).toBe('M0,38H20V20H40V2H60V20H60');
	});
});
