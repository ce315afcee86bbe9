import { describe, expect, it } from 'vitest';
import { renderProgram } from '../../../simulations/core/template';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';
import { defaultParams } from '../../../simulations/core/params';
import { fileTemplate } from './event-time-helpers';

const s = EVENT_TIME_SCENARIOS['advanced-14-joins-aggregations']!;
const base = defaultParams(s.schema);
const render = (p: Record<string, string | number>) => s.program({ ...base, ...p });
const streams = (p: Record<string, string | number>, seed = 1) => {
	const input = s.input({ ...base, ...p }, seed);
	const by = (name: string) => input.streams.find((x) => x.name === name)?.events ?? [];
	return { input, impressions: by('impressions'), clicks: by('clicks') };
};

describe('advanced-14-joins-aggregations scenario', () => {
	it('rewrites both watermarks, the range and the join type', () => {
		const out = render({
			impressionsWatermark: 0,
			clicksWatermark: 60,
			joinWindow: 45,
			joinType: 'inner'
		});
		expect(out).toContain('.withWatermark("impression_time", "0 seconds")');
		expect(out).toContain('.withWatermark("click_time", "60 seconds")');
		expect(out).toContain('"click_time <= impression_time + interval 45 seconds"  # <- joinWindow');
		expect(out).toContain('    "inner",  # <- joinType');
		expect(render({ joinWindow: 120 })).toContain('interval 120 seconds"');
		expect(render({ joinWindow: 1 })).toContain('interval 1 second"');
	});

	it('joinWindow 0 keeps only the key equality (no time bound)', () => {
		const out = render({ joinWindow: 0 });
		expect(out).toMatch(/F\.expr\(\n\s+"click_ad_id = ad_id" {2}# <- joinWindow\n\s+\),/);
		expect(out).not.toContain('click_time >=');
		expect(out).not.toContain('interval');
	});

	it('left semi counts clicked impressions and drops the click column it no longer has', () => {
		const out = render({ joinType: 'leftSemi' });
		expect(out).toContain('    "leftSemi",  # <- joinType');
		expect(out).toContain('F.count("*").alias("clicked_impressions"),  # <- joinType');
		expect(out).not.toContain('click_time").alias');
	});

	it('the DStream tab windows both streams by the range', () => {
		const d = renderProgram(
			fileTemplate(s.slug, 'dstream'),
			s.rewrites({ ...base, joinWindow: 60 })
		);
		expect(d).toContain('impressions.window(60, 5).leftOuterJoin(clicks.window(60, 5))');
	});

	it('clamps with notices', () => {
		const c = s.constrain({ joinType: 'fullOuter', clickProb: 150, joinWindow: 500 });
		expect(c.params).toMatchObject({ joinType: 'leftOuter', clickProb: 100, joinWindow: 120 });
		expect(c.notices).toHaveLength(3);
	});

	it('clickProb 0 gives no clicks; 100 clicks every impression whose click falls in the run', () => {
		expect(streams({ clickProb: 0 }).clicks).toHaveLength(0);
		const { impressions, clicks, input } = streams({ clickProb: 100, clickDelayMax: 0 });
		const early = impressions.filter((i) => i.arrivalMs < input.runLengthMs - 2000);
		const followed = new Set(clicks.map((c) => c.follows));
		for (const i of early) expect(followed.has(i.id), i.id).toBe(true);
	});

	it('a click follows its impression: same ad, within clickDelayMax in event time', () => {
		const { impressions, clicks } = streams({ clickProb: 60, clickDelayMax: 90 }, 4);
		const byId = new Map(impressions.map((i) => [i.id, i]));
		expect(clicks.length / impressions.length).toBeGreaterThan(0.25);
		for (const c of clicks) {
			const imp = byId.get(c.follows ?? '');
			expect(imp?.key).toBe(c.key);
			const delay = c.eventTimeMs - (imp?.eventTimeMs ?? 0);
			expect(delay).toBeGreaterThanOrEqual(0);
			expect(delay).toBeLessThanOrEqual(90_000);
			expect(c.arrivalMs).toBeGreaterThanOrEqual(imp?.arrivalMs ?? 0);
		}
	});

	it('kafkaValue matches each side’s from_json schema; input is deterministic', () => {
		const { impressions, clicks, input } = streams({});
		expect(input.streams.map((x) => x.topic)).toEqual(['ad-impressions', 'ad-clicks']);
		const i = JSON.parse(s.kafkaValue(impressions[0]!)) as Record<string, unknown>;
		const c = JSON.parse(s.kafkaValue(clicks[0]!)) as Record<string, unknown>;
		expect(Object.keys(i)).toEqual(['ad_id', 'impression_time']);
		expect(Object.keys(c)).toEqual(['click_ad_id', 'click_time']);
		expect(String(c.click_time)).toMatch(/^2026-01-01T\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(JSON.stringify(s.input(base, 1))).toBe(JSON.stringify(input));
	});
});
