import { describe, expect, it } from 'vitest';
import { renderProgram } from '../../../simulations/core/template';
import { basic05Windows as s } from '../../../simulations/questions/basic-05-windows/question';
import { EPOCH_OFFSET_MS } from '../../../simulations/kinds/event-time/question';
import { defaultParams } from '../../../simulations/core/params';
import { fileTemplate } from './event-time-helpers';

const base = defaultParams(s.schema);
const render = (p: Record<string, string | number>) => s.program({ ...base, ...p });
const dstream = (p: Record<string, string | number>) =>
	renderProgram(fileTemplate(s.slug, 'dstream'), s.rewrites(s.constrain({ ...base, ...p }).params));

describe('basic-05-windows scenario', () => {
	it('writes window length, slide and delay as interval strings', () => {
		const out = render({ windowLength: 7, slide: 3, watermarkDelay: 25 });
		expect(out).toContain('            "7 seconds",  # <- windowLength');
		expect(out).toContain('            "3 seconds",  # <- slide');
		expect(out).toContain('.withWatermark("event_time", "25 seconds")  # <- watermarkDelay');
		expect(render({ windowLength: 60 })).toContain('"60 seconds",  # <- windowLength');
		expect(render({ slide: 1 })).toContain('"1 second",  # <- slide');
	});

	it('tumbling drops the slide line; the DStream tab tumbles with slide = length', () => {
		const out = render({ windowType: 'tumbling', windowLength: 20 });
		expect(out).not.toContain('# <- slide');
		expect(out).toMatch(
			/F\.window\( {2}# <- windowType\n\s+"event_time",\n\s+"20 seconds", {2}# <- windowLength\n\s+\),/
		);
		const d = dstream({ windowType: 'tumbling', windowLength: 20 });
		expect(d).toContain('    20,  # <- windowLength\n    20,  # <- slide');
	});

	it('session replaces the window call with F.session_window(event_time, gap)', () => {
		const out = render({ windowType: 'session', sessionGap: 12, outputMode: 'append' });
		expect(out).toMatch(
			/F\.session_window\( {2}# <- windowType\n\s+"event_time",\n\s+"12 seconds", {2}# <- windowLength\n\s+\),/
		);
		expect(out).not.toContain('F.window(');
		expect(out).not.toContain('# <- slide');
		expect(out).toContain('.outputMode("append")');
	});

	it('names the params each window type ignores', () => {
		const inactive = (windowType: string) => s.inactiveParams?.({ ...base, windowType });
		expect(inactive('sliding')).toEqual(['sessionGap']);
		expect(inactive('tumbling')).toEqual(['slide', 'sessionGap']);
		expect(inactive('session')).toEqual(['windowLength', 'slide']);
	});

	it('watermark 0 removes withWatermark (the no-watermark preset)', () => {
		const out = render({ watermarkDelay: 0, outputMode: 'update' });
		expect(out).not.toContain('withWatermark');
		expect(out).toContain('.outputMode("update")');
	});

	it('clamps a slide longer than the window, with a notice', () => {
		const c = s.constrain({ windowLength: 10, slide: 20 });
		expect(c.params.slide).toBe(10);
		expect(c.notices.join(' ')).toMatch(/slide/);
	});

	it('forces session windows out of update mode with Spark’s reason', () => {
		const c = s.constrain({ windowType: 'session', outputMode: 'update' });
		expect(c.params.outputMode).toBe('append');
		expect(c.notices.join(' ')).toContain(
			'Update output mode not supported for session window on streaming DataFrames/DataSets'
		);
		const noWm = s.constrain({ windowType: 'session', outputMode: 'append', watermarkDelay: 0 });
		expect(noWm.params.outputMode).toBe('complete');
		expect(noWm.notices).toHaveLength(1);
	});

	it('refuses append without a watermark, with Spark’s reason', () => {
		const c = s.constrain({ watermarkDelay: 0, outputMode: 'append' });
		expect(c.params.outputMode).toBe('update');
		expect(c.notices.join(' ')).toContain('without watermark');
	});

	it('clamps out-of-range values and refuses unknown choices', () => {
		const c = s.constrain({ windowLength: 100, sessionGap: 0, windowType: 'hopping' });
		expect(c.params.windowLength).toBe(60);
		expect(c.params.sessionGap).toBe(1);
		expect(c.params.windowType).toBe('sliding');
		expect(c.notices).toHaveLength(3);
		expect(s.constrain({}).notices).toEqual([]);
	});

	it('input is deterministic by seed and sorted by arrival', () => {
		const a = s.input(base, 7);
		expect(JSON.stringify(s.input(base, 7))).toBe(JSON.stringify(a));
		expect(JSON.stringify(s.input(base, 8))).not.toBe(JSON.stringify(a));
		const events = a.streams[0]?.events ?? [];
		expect(a.streams.map((x) => x.topic)).toEqual(['sensor-events']);
		expect(a.triggerIntervalMs).toBe(5000);
		expect(events.length).toBeGreaterThan(100);
		for (let i = 1; i < events.length; i++) {
			expect(events[i]!.arrivalMs).toBeGreaterThanOrEqual(events[i - 1]!.arrivalMs);
		}
		for (const e of events) expect(e.arrivalMs).toBeLessThanOrEqual(a.runLengthMs);
	});

	it('devices send in bursts with quiet gaps longer than the default session gap', () => {
		const events = s.input(base, 3).streams[0]?.events ?? [];
		for (const device of ['d-0', 'd-1', 'd-2']) {
			const times = events.filter((e) => e.key === device).map((e) => e.arrivalMs);
			const gaps = times.slice(1).map((t, i) => t - times[i]!);
			expect(Math.max(...gaps), device).toBeGreaterThan(5000);
		}
	});

	it('kafkaValue is the JSON EVENT_SCHEMA parses, with ISO-8601 UTC event_time', () => {
		const e = s.input(base, 1).streams[0]!.events[5]!;
		const v = JSON.parse(s.kafkaValue(e)) as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['device', 'reading', 'event_time']);
		expect(v.device).toBe(e.key);
		expect(v.reading).toBe(e.reading);
		expect(v.event_time).toMatch(/^2026-01-01T\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Date.parse(String(v.event_time))).toBe(EPOCH_OFFSET_MS + e.eventTimeMs);
	});
});
