// An edited program travels in the share link on every simulation (SIM-1 and DStream pages too,
// not only the event-time pages): written only when it differs from what the parameters render,
// run on arrival, and refused with a notice when the value is not a program.
import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { basic03DStreams as basic03 } from '../../../simulations/questions/basic-03-dstreams/question';
import { controllerOf } from './controllers';
import { CODE_KEY } from '../../../src/lib/sim/program-url';

const basic01 = microBatchScenario('basic-01-stream-processing')!;

describe('SIM-1 links carry an edited program', () => {
	it('no code= for the page’s own program; an edit goes in, and a fresh page runs it', () => {
		const a = controllerOf(basic01);
		expect(a.shareQuery(a.playback.now, new URLSearchParams()).query.has(CODE_KEY)).toBe(false);
		const edited = a.program.code.replaceAll('% NUM_KEYS', '% 3');
		expect(edited).not.toBe(a.program.code);
		a.program.code = edited;
		a.program.reseed(a.program.seed);
		const query = a.shareQuery(a.playback.now, new URLSearchParams()).query;
		expect(query.has(CODE_KEY)).toBe(true);

		const b = controllerOf(basic01);
		b.applyQuery(query);
		expect(b.notices).toEqual([]);
		expect(b.program.code).toBe(edited);
		if (b.run!.kind !== 'microBatch') throw new Error('expected micro-batches');
		const keys = new Set(b.run!.trace.batches.flatMap((x) => x.output.map((r) => r.cells[0])));
		expect([...keys].sort()).toEqual(['0', '1', '2']);
	});

	it('a value that is not a program is refused with a notice, and the page’s program stays', () => {
		const c = controllerOf(basic01);
		const before = c.program.code;
		c.applyQuery(new URLSearchParams('code=!!&seed=3'));
		expect(c.program.code).toBe(before);
		expect(c.notices.some((n) => n.includes('“code”'))).toBe(true);
	});
});

describe('DStream links carry an edited program', () => {
	it('round trip on basic-03', () => {
		const c = controllerOf(basic03);
		const session = c.program;
		const edited = session.code.replace('ssc.start()', '# started below\nssc.start()');
		session.edit(edited);
		session.code = edited;
		session.reseed(session.seed);
		const { query } = c.shareQuery(0);
		expect(query.has(CODE_KEY)).toBe(true);

		const fresh = controllerOf(basic03);
		fresh.applyQuery(query);
		expect(fresh.notices).toEqual([]);
		expect(fresh.program.code).toBe(edited);
		fresh.program.dispose();
		session.dispose();
	});
});
