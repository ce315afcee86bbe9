// Spark's PIDRateEstimator, pinned against steps computed by hand from its update rule
// (PIDRateEstimator.compute; SPARK-SEMANTICS R8.6). Defaults: kp 1.0, ki 0.2, kd 0.0, minRate 100.
import { describe, expect, it } from 'vitest';
import { PID_DEFAULTS, pidRateEstimator } from '../../../simulations/dstream/pid';

const est = (
	over: Partial<Record<keyof typeof PID_DEFAULTS, number>> = {},
	batchIntervalMs = 1000
) => pidRateEstimator({ batchIntervalMs, ...PID_DEFAULTS, ...over });

describe('PIDRateEstimator', () => {
	it('has Spark defaults', () => {
		expect(PID_DEFAULTS).toEqual({
			proportional: 1.0,
			integral: 0.2,
			derivative: 0.0,
			minRate: 100
		});
	});

	it('follows a hand-computed sequence of batches', () => {
		const pid = est();
		// Batch 1 at t=1000: 1000 records in 500 ms -> processingRate 1000/500*1000 = 2000/s.
		// First run: latestRate := 2000, latestError := 0, nothing published.
		const s1 = pid.compute(1000, 1000, 500, 0);
		expect(s1.computed).toBe(true);
		expect(s1.firstRun).toBe(true);
		expect(s1.processingRate).toBe(2000);
		expect(s1.newRate).toBeUndefined();
		// Batch 2 at t=2000: 1000 records in 1000 ms, scheduling delay 200 ms.
		// processingRate = 1000; error = 2000 - 1000 = 1000; historicalError = 200*1000/1000 = 200;
		// dError = (1000 - 0) / 1 s = 1000; newRate = 2000 - 1*1000 - 0.2*200 - 0*1000 = 960.
		const s2 = pid.compute(2000, 1000, 1000, 200);
		expect([s2.processingRate, s2.error, s2.historicalError, s2.dError, s2.newRate]).toEqual([
			1000, 1000, 200, 1000, 960
		]);
		// Batch 3 at t=3000: 960 records in 1200 ms, scheduling delay 400 ms.
		// processingRate = 960/1200*1000 = 800; error = 960 - 800 = 160;
		// historicalError = 400*800/1000 = 320; dError = (160 - 1000)/1 = -840;
		// newRate = 960 - 160 - 0.2*320 = 736.
		const s3 = pid.compute(3000, 960, 1200, 400);
		expect([s3.processingRate, s3.error, s3.historicalError, s3.dError, s3.newRate]).toEqual([
			800, 160, 320, -840, 736
		]);
		// Same time again: skipped (time must increase), state unchanged.
		expect(pid.compute(3000, 500, 100, 0)).toMatchObject({ computed: false });
		// No records, or zero processing delay: skipped.
		expect(pid.compute(3500, 0, 100, 0).computed).toBe(false);
		expect(pid.compute(3500, 10, 0, 0).computed).toBe(false);
		// Batch at t=4500 (1.5 s after the last update): 736 records in 368 ms, no delay.
		// processingRate = 2000; error = 736 - 2000 = -1264; historicalError = 0;
		// dError = (-1264 - 160)/1.5 = -949.33...; newRate = 736 + 1264 = 2000.
		const s5 = pid.compute(4500, 736, 368, 0);
		expect(s5.newRate).toBe(2000);
		expect(s5.dError).toBeCloseTo(-949.3333333, 6);
	});

	it('reproduces the worked example of SPARK-SEMANTICS R8.6 (published limit 437)', () => {
		const pid = est();
		// A: 1000 records, 2000 ms -> seeds latestRate 500.
		expect(pid.compute(1000, 1000, 2000, 500).newRate).toBeUndefined();
		// B: 500 records, 800 ms -> 625/s; error -125; historical 1500*625/1000 = 937.5;
		// newRate = 500 + 125 - 187.5 = 437.5 -> floor 437.
		const b = pid.compute(2000, 500, 800, 1500);
		expect(b.newRate).toBe(437.5);
		expect(Math.floor(b.newRate ?? 0)).toBe(437);
	});

	it('uses the derivative term when pid.derived is set', () => {
		const pid = est({ derivative: 0.1 });
		pid.compute(1000, 1000, 500, 0);
		// 2000 - 1000 - 0.2*200 - 0.1*1000 = 860
		expect(pid.compute(2000, 1000, 1000, 200).newRate).toBe(860);
	});

	it('never goes below minRate', () => {
		const pid = est();
		pid.compute(1000, 1000, 500, 0); // latestRate 2000
		// 10 records in 1000 ms -> 10/s; error 1990; historical 5000*10/1000 = 50;
		// 2000 - 1990 - 10 = 0 -> clamped to minRate 100.
		expect(pid.compute(2000, 10, 1000, 5000).newRate).toBe(100);
	});

	it('divides the historical error by the batch interval', () => {
		const pid = est({}, 2000);
		pid.compute(2000, 1000, 500, 0); // 2000/s
		// B = 2000 ms: historicalError = 200*1000/2000 = 100; newRate = 2000 - 1000 - 20 = 980
		expect(pid.compute(4000, 1000, 1000, 200).newRate).toBe(980);
	});
});
