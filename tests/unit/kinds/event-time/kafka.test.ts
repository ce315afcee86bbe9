import { describe, expect, it } from 'vitest';
import {
	EVENT_TIME_SCENARIOS,
	kafkaRecords
} from '../../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../../simulations/core/params';
import { bracketsBalanced, onlyMarkedLinesChanged } from '../../questions/event-time-helpers';

describe('event-time Kafka records', () => {
	for (const s of Object.values(EVENT_TIME_SCENARIOS)) {
		it(`${s.slug}: one record per event, offsets per topic, CreateTime = arrival`, () => {
			const input = s.input(defaultParams(s.schema), 3);
			const records = kafkaRecords(s, input);
			const total = input.streams.reduce((n, x) => n + x.events.length, 0);
			expect(records).toHaveLength(total);
			for (const stream of input.streams) {
				const mine = records.filter((r) => r.topic === stream.topic);
				expect(mine.map((r) => r.offset)).toEqual(stream.events.map((_, i) => i));
			}
			for (let i = 1; i < records.length; i++) {
				expect(records[i]!.arrivalMs).toBeGreaterThanOrEqual(records[i - 1]!.arrivalMs);
			}
			for (const r of records) {
				expect(r.timestampMs).toBe(input.epochOffsetMs + r.arrivalMs);
				expect(() => JSON.parse(r.value)).not.toThrow();
			}
		});
	}
});

describe('event-time test helpers can fail', () => {
	it('bracketsBalanced sees an unclosed call and ignores brackets in strings and comments', () => {
		expect(bracketsBalanced('F.window(\n  "a",\n')).toBe(false);
		expect(bracketsBalanced('x = ")"  # (\ny = f(1)')).toBe(true);
		expect(bracketsBalanced('f(])')).toBe(false);
	});

	it('onlyMarkedLinesChanged catches a changed unmarked line and an unlisted removal', () => {
		const t = 'a = 1\nb = 2  # <- p\nc = 3';
		expect(onlyMarkedLinesChanged(t, 'a = 1\nb = 9  # <- p\nc = 3', [])).toBeNull();
		expect(onlyMarkedLinesChanged(t, 'a = 2\nb = 2  # <- p\nc = 3', [])).not.toBeNull();
		expect(onlyMarkedLinesChanged(t, 'a = 1\nc = 3', [])).not.toBeNull();
		expect(onlyMarkedLinesChanged(t, 'a = 1\nc = 3', ['p'])).toBeNull();
		expect(onlyMarkedLinesChanged(t, 'a = 1\nb = 2  # <- p\nc = 3\nd = 4', [])).not.toBeNull();
	});
});
