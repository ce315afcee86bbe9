// advanced-14's program joins on the ad id alone and then counts rows per ad and minute. The
// simulated producer must make those counts mean what their names say: every impression counted
// once, and a click only beside the impression it follows.
import { describe, expect, it } from 'vitest';
import { runEventTimeProgram } from '../../../simulations/kinds/event-time/run';
import {
	EVENT_TIME_SCENARIOS,
	EPOCH_OFFSET_MS
} from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';

const s = EVENT_TIME_SCENARIOS['advanced-14-joins-aggregations']!;

describe('advanced-14: per-ad counts are impressions and clicks, not joined-row products', () => {
	for (const seed of [1, 2, 99]) {
		it(`seed ${seed}: each emitted (window, ad) row counts that ad's impressions in the window`, () => {
			const params = s.constrain(defaultParams(s.schema)).params;
			const input = s.input(params, seed);
			const result = runEventTimeProgram(s.program(params), {
				input,
				kafkaValue: (e) => s.kafkaValue(e)
			});
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			const impressions = input.streams.find((x) => x.name === 'impressions')!.events;
			const clicks = input.streams.find((x) => x.name === 'clicks')!.events;
			const rows = result.value.batches.flatMap((b) => b.output);
			expect(rows.length).toBeGreaterThan(5);
			const cols = result.value.outputColumns;
			const at = (name: string) => cols.indexOf(name);
			for (const r of rows) {
				const w = r[at('window')] as { start: number; end: number };
				const ad = r[at('ad_id')] as string;
				// The view gives window bounds in virtual seconds.
				const inWindow = impressions.filter(
					(e) => e.key === ad && e.eventTimeMs >= w.start * 1000 && e.eventTimeMs < w.end * 1000
				);
				expect(r[at('impressions')]).toBe(inWindow.length);
				const clicked = inWindow.filter((imp) => clicks.some((c) => c.follows === imp.id));
				expect(r[at('clicks')] as number).toBeLessThanOrEqual(clicked.length);
			}
			expect(EPOCH_OFFSET_MS % 60_000).toBe(0);
		});
	}
});
