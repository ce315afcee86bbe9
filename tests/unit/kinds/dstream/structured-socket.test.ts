import { describe, expect, it } from 'vitest';
import { runStructuredOverSocket } from '../../../../simulations/kinds/dstream/structured-socket';
import { basic03DStreams as scenario } from '../../../../simulations/questions/basic-03-dstreams/question';
import { structuredVariant } from '../../../../simulations/kinds/dstream/structured-variants';
import { LINES, runFixture } from './fixture';

const options = { lines: LINES, durationMs: 12_000, startEpochMs: scenario.startEpochMs };

describe('runStructuredOverSocket', () => {
	it('the page’s own structured program runs: both queries, windows on the batch’s current_timestamp()', () => {
		const r = runStructuredOverSocket(scenario.structuredProgram?.() ?? '', options);
		if (!r.ok) throw new Error(r.error.message);
		const [totals, windowed] = r.value.queries;
		expect(r.value.queries).toHaveLength(2);
		expect(r.value.columns).toEqual(['word', 'count']);
		expect(totals?.columns).toEqual(['word', 'count']);
		expect(windowed?.columns).toEqual(['window', 'word', 'count']);
		// Both queries trigger every 2 s on the same lines.
		expect(windowed?.batches.map((b) => b.startMs)).toEqual(totals?.batches.map((b) => b.startMs));
		// Batch 0 runs at virtual 2 s: current_timestamp() is start + 2 s (10:00:02), which the
		// 6 s windows sliding by 2 s starting at 09:59:58, 10:00:00 and 10:00:02 hold; each word
		// of the batch counts once in each of the three.
		const first = windowed!.batches[0]!;
		const windows = new Set(first.rows.map((row) => row[0]));
		expect([...windows].sort()).toEqual([
			'[09:59:58, 10:00:04)',
			'[10:00:00, 10:00:06)',
			'[10:00:02, 10:00:08)'
		]);
		const perWindow = (w: string) =>
			first.rows
				.filter((row) => row[0] === w)
				.map((row) => `${row[1]}=${row[2]}`)
				.sort();
		expect(perWindow('[09:59:58, 10:00:04)')).toEqual(perWindow('[10:00:02, 10:00:08)'));
		expect(perWindow('[10:00:00, 10:00:06)')).toEqual(
			totals!.batches[0]!.rows.map((row) => `${row[0]}=${row[1]}`).sort()
		);
	});

	it('a program with two queries is still refused where a page runs one (the event-time reader)', async () => {
		const { prepareQuery } = await import('../../../../simulations/structured/index');
		const r = prepareQuery(scenario.structuredProgram?.() ?? '', {});
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.message).toContain('one streaming query per program');
	});

	it('a program reading Kafka is told this page feeds a socket, at its readStream', () => {
		const code = structuredVariant('totals', 2)
			.replace('format("socket")', 'format("kafka")')
			.replace(
				'.option("host", "localhost")',
				'.option("kafka.bootstrap.servers", "localhost:9092").option("subscribe", "t")'
			);
		const r = runStructuredOverSocket(
			code.replace('F.split(F.col("value"), " ")', 'F.split(F.col("value").cast("string"), " ")'),
			options
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.error.message).toContain('this page feeds a socket');
	});

	it('running totals in update mode: each micro-batch prints the words it touched with their running count', () => {
		const r = runStructuredOverSocket(structuredVariant('totals', 2), options);
		if (!r.ok) throw new Error(r.error.message);
		const [b0, b1, b2, b3] = r.value.batches;
		expect(r.value.columns).toEqual(['word', 'count']);
		expect(b0?.numInputRows).toBe(3);
		expect([...(b0?.rows ?? [])].map((x) => x.join('=')).sort()).toEqual(['rdd=3', 'spark=2']);
		expect(b1?.rows.map((x) => x.join('='))).toEqual(['spark=3']);
		expect([...(b2?.rows ?? [])].map((x) => x.join('=')).sort()).toEqual(['batch=2', 'spark=4']);
		// No new lines: update mode prints nothing, while updateStateByKey re-emits every key.
		expect(b3 === undefined || b3.rows.length === 0).toBe(true);
	});

	it('agrees with updateStateByKey on the running totals after each 2 s batch (same lines)', () => {
		const ss = runStructuredOverSocket(structuredVariant('totals', 2), options);
		const ds = runFixture();
		if (!ss.ok || !ds.ok) throw new Error('run failed');
		const totals = ds.value.rows.findIndex((x) => x.kind === 'state');
		const latest = new Map<string, string>();
		for (const b of ss.value.batches.filter((x) => x.startMs <= 6000)) {
			for (const [w, c] of b.rows) latest.set(w ?? '', c ?? '');
		}
		const dsAt6 = ds.value.batches.find((b) => b.batchTime === 6000)?.cells[totals]?.records ?? [];
		const ssAt6 = [...latest].map(([w, c]) => `('${w}', ${c})`);
		expect([...ssAt6].sort()).toEqual([...dsAt6].sort());
	});

	it('windowed: each line counts in the three 6 s windows (sliding 2 s) that contain its arrival time', () => {
		const r = runStructuredOverSocket(structuredVariant('windowed', 2), options);
		if (!r.ok) throw new Error(r.error.message);
		expect(r.value.columns).toEqual(['window', 'word', 'count']);
		const spark0 = r.value.batches[0]?.rows
			.filter((x) => x[1] === 'spark')
			.map((x) => x[0])
			.sort();
		expect(spark0).toEqual([
			'[09:59:56, 10:00:02)',
			'[09:59:58, 10:00:04)',
			'[10:00:00, 10:00:06)'
		]);
	});
});
