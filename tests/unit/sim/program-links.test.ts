// An edited program travels in the share link on every simulation (SIM-1 and DStream pages too,
// not only the event-time pages): written only when it differs from what the parameters render,
// run on arrival, and refused with a notice when the value is not a program.
import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/scenarios/micro-batches';
import { basic03DStreams as basic03 } from '../../../simulations/scenarios/dstreams/basic-03-dstreams';
import { dstreamSession } from '../../../src/lib/binding/dstream-session.svelte';
import { applyDStreamUrl, dstreamQuery } from '../../../src/lib/sim/dstream-url';
import { MicroBatchController } from '../../../src/lib/sim/micro-batch.svelte';
import { Playback } from '../../../src/lib/sim/playback.svelte';
import { CODE_KEY } from '../../../src/lib/sim/program-url';

const basic01 = microBatchScenario('basic-01-stream-processing')!;

describe('SIM-1 links carry an edited program', () => {
	it('no code= for the page’s own program; an edit goes in, and a fresh page runs it', () => {
		const a = new MicroBatchController(basic01);
		expect(a.shareQuery(a.playback.now, new URLSearchParams()).has(CODE_KEY)).toBe(false);
		const edited = a.session.code.replaceAll('% NUM_KEYS', '% 3');
		expect(edited).not.toBe(a.session.code);
		a.session.code = edited;
		a.session.reseed(a.session.seed);
		const query = a.shareQuery(a.playback.now, new URLSearchParams());
		expect(query.has(CODE_KEY)).toBe(true);

		const b = new MicroBatchController(basic01);
		b.applyQuery(query);
		expect(b.notices).toEqual([]);
		expect(b.session.code).toBe(edited);
		if (b.run.kind !== 'microBatch') throw new Error('expected micro-batches');
		const keys = new Set(b.run.trace.batches.flatMap((x) => x.output.map((r) => r.cells[0])));
		expect([...keys].sort()).toEqual(['0', '1', '2']);
	});

	it('a value that is not a program is refused with a notice, and the page’s program stays', () => {
		const c = new MicroBatchController(basic01);
		const before = c.session.code;
		c.applyQuery(new URLSearchParams('code=!!&seed=3'));
		expect(c.session.code).toBe(before);
		expect(c.notices.some((n) => n.includes('“code”'))).toBe(true);
	});
});

describe('DStream links carry an edited program', () => {
	it('round trip on basic-03', () => {
		const session = dstreamSession(basic03);
		const edited = session.code.replace('ssc.start()', '# started below\nssc.start()');
		session.edit(edited);
		session.code = edited;
		session.reseed(session.seed);
		const query = dstreamQuery(basic03, {
			preset: null,
			params: session.params,
			seed: session.seed,
			run: session.run,
			now: 0,
			sideBySide: false,
			code: session.code
		});
		expect(query.has(CODE_KEY)).toBe(true);

		const fresh = dstreamSession(basic03);
		const playback = new Playback(() => ({ endMs: fresh.run?.endMs ?? 0, nextStop: () => undefined }));
		const applied = applyDStreamUrl(query, basic03, fresh, null, playback);
		expect(applied.notices).toEqual([]);
		expect(fresh.code).toBe(edited);
		fresh.dispose();
		session.dispose();
	});
});
