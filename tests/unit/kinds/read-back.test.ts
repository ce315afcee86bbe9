/**
 * An edit in the editor moves the controls, on every kind: the controller reads the parameters
 * back from the program that ran (the micro-batch run reports them; event-time and DStream
 * programs are read at their marked lines). A value the controls cannot show leaves them alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basic08LateData } from '../../../simulations/questions/basic-08-late-data/question';
import { basic03DStreams } from '../../../simulations/questions/basic-03-dstreams/question';
import { basic01StreamProcessing } from '../../../simulations/questions/basic-01-stream-processing/question';
import { basic11MicroBatches } from '../../../simulations/questions/basic-11-micro-batches/question';
import { controllerOf } from '../sim/controllers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function typed(
	c: { program: { code: string; edit(code: string): void } },
	from: string,
	to: string
): void {
	expect(c.program.code).toContain(from);
	c.program.edit(c.program.code.replace(from, to));
	vi.runAllTimers();
}

describe('editor → controls', () => {
	it('event time (basic-08): the watermark delay and the output mode follow the program', () => {
		const c = controllerOf(basic08LateData);
		typed(
			c,
			'.withWatermark("event_time", "5 seconds")',
			'.withWatermark("event_time", "20 seconds")'
		);
		c.syncParams();
		expect(c.params['watermarkDelay']).toBe(20);
		typed(c, '.outputMode("append")', '.outputMode("update")');
		c.syncParams();
		expect(c.params['outputMode']).toBe('update');
		expect(c.preset).toBeNull();
		// Moving a control now starts from what the program says, and rewrites only its span.
		c.set('watermarkDelay', 30);
		expect(c.program.code).toContain('"30 seconds"');
		expect(c.program.code).toContain('.outputMode("update")');
	});

	it('event time: a value out of the control’s range leaves the control where it was', () => {
		const c = controllerOf(basic08LateData);
		const before = c.params['watermarkDelay'];
		typed(c, '"5 seconds")  # <- watermarkDelay', '"5000 seconds")  # <- watermarkDelay');
		c.syncParams();
		expect(c.params['watermarkDelay']).toBe(before);
	});

	it('DStream (basic-03): the window length follows the program; the companion runs on the same values', () => {
		const c = controllerOf(basic03DStreams);
		typed(c, '    6,  # <- windowLength', '    8,  # <- windowLength');
		c.syncParams();
		expect(c.params['windowLength']).toBe(8);
		expect(c.companion?.params['windowLength']).toBe(8);
	});

	it('micro-batch (basic-01): a marked constant the run does not report is read from the text', () => {
		const c = controllerOf(basic01StreamProcessing);
		typed(c, 'NUM_KEYS = 5  # <- numKeys', 'NUM_KEYS = 3  # <- numKeys');
		c.syncParams();
		expect(c.params['numKeys']).toBe(3);
	});

	it('micro-batch (basic-11): the rate the program sets moves its control', () => {
		const c = controllerOf(basic11MicroBatches);
		typed(c, '"rowsPerSecond", 100', '"rowsPerSecond", 250');
		c.syncParams();
		expect(c.params['eventRate']).toBe(250);
	});
});

describe('new seed', () => {
	it('is a deterministic successor on every kind, and both sides of basic-03 take it', () => {
		const pairs = [
			[controllerOf(basic08LateData), controllerOf(basic08LateData)],
			[controllerOf(basic03DStreams), controllerOf(basic03DStreams)],
			[controllerOf(basic11MicroBatches), controllerOf(basic11MicroBatches)]
		] as const;
		for (const [a, b] of pairs) {
			a.newSeed();
			b.newSeed();
			expect(a.seed).not.toBe(1);
			expect(a.seed).toBe(b.seed);
			expect(JSON.stringify(a.run)).toBe(JSON.stringify(b.run));
		}
		const d = controllerOf(basic03DStreams);
		d.newSeed();
		expect(d.companion?.seed).toBe(d.seed);
	});
});
