import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { advance, frameDeltas$, MAX_FRAME_GAP_MS } from '../../../src/lib/sim/frames';

describe('frameDeltas$ (animationFrames, virtual frames)', () => {
	it('emits the wall time between frames, clamping a long gap to MAX_FRAME_GAP_MS', () => {
		const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
		scheduler.run(({ animate, expectObservable }) => {
			// frames at 16, 32 and 1032 (a hidden tab): deltas 16, then 1000 clamped to 250
			animate('           16ms x 15ms x 999ms x');
			const expected = '  32ms a 999ms b';
			const unsub = '     ^ 1100ms !';
			expectObservable(frameDeltas$(), unsub).toBe(expected, { a: 16, b: MAX_FRAME_GAP_MS });
		});
	});
});

describe('advance', () => {
	it('moves the cursor by wall time × speed', () => {
		expect(advance(1000, 16, 20, 60_000)).toBe(1320);
	});
	it('stops at the end of the run and never goes below zero', () => {
		expect(advance(59_990, 100, 1, 60_000)).toBe(60_000);
		expect(advance(0, -5, 1, 60_000)).toBe(0);
	});
});
