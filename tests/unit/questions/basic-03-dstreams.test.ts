import { describe, expect, it } from 'vitest';
import { readDStreamProgram } from '../../../simulations/dstream/index';
import { basic03DStreams as scenario } from '../../../simulations/questions/basic-03-dstreams/question';
import { linesBetween, socketLines } from '../../../simulations/kinds/dstream/socket-lines';
import { renderProgram } from '../../../simulations/core/template';
import { defaultParams, type NumberParam } from '../../../simulations/core/params';

const defaults = defaultParams(scenario.schema);
const lineOf = (code: string, marker: string) =>
	code.split('\n').find((l) => l.endsWith(`# <- ${marker}`)) ?? '';

describe('basic-03 program at default parameters', () => {
	it('is the page’s program exactly', () => {
		expect(scenario.program(defaults)).toBe(scenario.template);
	});
	it('reads on the DStream engine: 2 s batches, a checkpoint dir, three pprint outputs', () => {
		const r = readDStreamProgram(scenario.program(defaults));
		if (!r.ok) throw new Error(r.error.message);
		expect(r.value.state.batchMs).toBe(2000);
		expect(r.value.state.checkpointDir).toBe('/tmp/playground/checkpoints/basic-03-dstreams');
		expect(r.value.state.outputs.map((o) => o.kind)).toEqual(['pprint', 'pprint', 'pprint']);
	});
});

describe('rewrites at the extremes of each parameter', () => {
	const numeric = scenario.schema.filter(
		(p): p is NumberParam => p.kind === 'number' && !p.simulationOnly
	);
	for (const p of numeric) {
		for (const v of [p.min, p.max]) {
			it(`${p.id} = ${v} rewrites only its marked literal`, () => {
				const code = scenario.program({ ...defaults, [p.id]: v });
				const before = scenario.template.split('\n');
				const after = code.split('\n');
				expect(after).toHaveLength(before.length);
				const changed = after.filter((l, i) => l !== before[i]);
				const expected = v === p.default ? 0 : 1;
				expect(changed).toHaveLength(expected);
				if (expected) expect(changed[0]).toContain(`# <- ${p.id}`);
			});
		}
	}

	it('batchInterval 0.5 and 5 become StreamingContext(sc, 0.5) and (sc, 5), read as 500 ms and 5000 ms', () => {
		for (const [v, ms] of [
			[0.5, 500],
			[5, 5000]
		] as const) {
			const code = scenario.program({
				...defaults,
				batchInterval: v,
				windowLength: 5,
				slideInterval: 5
			});
			expect(lineOf(code, 'batchInterval')).toBe(
				`ssc = StreamingContext(sc, ${v})  # <- batchInterval`
			);
			const r = readDStreamProgram(code);
			if (!r.ok) throw new Error(r.error.message);
			expect(r.value.state.batchMs).toBe(ms);
		}
	});

	it('windowLength 60 and slideInterval 1 keep their indent and trailing comma', () => {
		const code = scenario.program({ ...defaults, windowLength: 60, slideInterval: 1 });
		expect(lineOf(code, 'windowLength')).toBe('    60,  # <- windowLength');
		expect(lineOf(code, 'slideInterval')).toBe('    1,  # <- slideInterval');
	});

	it('blockInterval 50 and 2000 rewrite the conf value in ms', () => {
		expect(lineOf(scenario.program({ ...defaults, blockInterval: 50 }), 'blockInterval')).toContain(
			'"spark.streaming.blockInterval", "50ms"'
		);
		expect(
			lineOf(scenario.program({ ...defaults, blockInterval: 2000 }), 'blockInterval')
		).toContain('"2000ms"');
	});

	it('checkpointEnabled off removes the ssc.checkpoint line, on brings it back from the template', () => {
		const off = scenario.program({ ...defaults, checkpointEnabled: 'off' });
		expect(off).not.toContain('ssc.checkpoint(');
		expect(off.split('\n')).toHaveLength(scenario.template.split('\n').length - 1);
		const on = renderProgram(
			scenario.template,
			scenario.rewrites({ ...defaults, checkpointEnabled: 'on' })
		);
		expect(on).toBe(scenario.template);
	});

	it('a rewrite applied to edited text changes only its own line', () => {
		const edited = scenario.template.replace('lambda a, b: a + b)', 'lambda x, y: x + y)');
		const only = {
			batchInterval: scenario.rewrites({ ...defaults, batchInterval: 1 }).batchInterval!
		};
		const out = renderProgram(edited, only);
		expect(out).toContain('lambda x, y: x + y)');
		expect(out).toContain('StreamingContext(sc, 1)');
	});
});

describe('constrain', () => {
	it('keeps a window that is not a multiple of the batch interval and says Spark will refuse it', () => {
		const c = scenario.constrain({ ...defaults, windowLength: 5 });
		expect(c.params['windowLength']).toBe(5);
		expect(c.notices).toEqual([
			'windowLength: 5 s is not a multiple of the 2 s batch interval; Spark refuses such a window (see the error below).'
		]);
	});
	it('clamps out-of-range values with a notice', () => {
		const c = scenario.constrain({ ...defaults, batchInterval: 9, linesPerSecond: 0 });
		expect(c.params['batchInterval']).toBe(5);
		expect(c.params['linesPerSecond']).toBe(0.5);
		expect(c.notices.filter((n) => n.includes('outside'))).toHaveLength(2);
	});
	it('every preset passes constrain without clamping', () => {
		for (const p of scenario.presets) {
			const c = scenario.constrain({ ...defaults, ...p.params });
			expect(c.notices.filter((n) => n.includes('outside'))).toEqual([]);
		}
	});
});

describe('socketLines', () => {
	it('is deterministic for a seed and differs across seeds', () => {
		expect(socketLines(5, 30_000, 7)).toEqual(socketLines(5, 30_000, 7));
		expect(socketLines(5, 30_000, 7)).not.toEqual(socketLines(5, 30_000, 8));
	});
	it('arrives at about linesPerSecond, inside the run, 1 to 3 words each', () => {
		const lines = socketLines(10, 60_000, 3);
		expect(lines.length).toBeGreaterThan(500);
		expect(lines.length).toBeLessThan(700);
		for (const l of lines) {
			expect(l.atMs).toBeGreaterThan(0);
			expect(l.atMs).toBeLessThanOrEqual(60_000);
			expect(l.line.split(' ').length).toBeGreaterThanOrEqual(1);
			expect(l.line.split(' ').length).toBeLessThanOrEqual(3);
		}
	});
	it('linesBetween takes (from, to]: each line lands in exactly one interval', () => {
		const lines = socketLines(20, 10_000, 1);
		const byInterval = [0, 2000, 4000, 6000, 8000].flatMap((t) => linesBetween(lines, t, t + 2000));
		expect(byInterval).toEqual(lines.map((l) => l.line));
	});
});
