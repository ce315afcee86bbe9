// The reader records each PySpark call in full (Query.spans), so a view looks a construct's
// extent up instead of matching parentheses: a `)` inside a triple-quoted string, and where the
// receiver chain begins, come right. Every construct a view highlights on a page program has one.
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../../../simulations/questions/programs';
import { readProgram } from '../../../simulations/structured/reader/index';
import { spanAt, type Pos } from '../../../simulations/structured/plan';
import { readAndAnalyze } from './helpers';

const events = {
	events: [
		{ name: 'value', type: { kind: 'int' } as const },
		{ name: 't', type: { kind: 'timestamp' } as const }
	]
};

describe('call spans', () => {
	it('spans a call over several lines, from its receiver chain to its closing parenthesis', () => {
		const code =
			'from pyspark.sql import functions as F\n' +
			'result = (events\n' +
			'    .withWatermark(\n' +
			'        "t",\n' +
			'        "10 seconds")\n' +
			'    .groupBy(F.window("t", """5 seconds""")).count())\n' +
			'query = result.writeStream.outputMode("update").format("memory").start()\n';
		const r = readAndAnalyze(code, events);
		if (!r.ok) throw new Error(r.error.message);
		const wm = spanAt(r.value.spans, r.value.watermarks[0]?.at ?? { line: 0, column: 0 });
		expect(wm?.name).toBe('withWatermark');
		expect(wm?.start).toEqual({ line: 2, column: 11 });
		expect(wm?.end).toEqual({ line: 5, column: 22 });
		expect(code.slice(wm?.from, wm?.to)).toMatch(/^events\n[\s\S]*"10 seconds"\)$/);
		const om = spanAt(r.value.spans, r.value.write.outputModeAt ?? { line: 0, column: 0 });
		expect(om && code.slice(om.from, om.to)).toBe('result.writeStream.outputMode("update")');
	});

	it('every construct a view highlights on every page program has a recorded span ending at its )', () => {
		let compared = 0;
		for (const templates of Object.values(PROGRAMS))
			for (const t of templates.filter((x) => x.api === 'structured')) {
				const read = readProgram(t.template, {});
				if (!read.ok) continue;
				const q = read.value;
				const lines = t.template.split('\n');
				const analyzed = readAndAnalyze(t.template, {});
				const watermarks = analyzed.ok ? analyzed.value.watermarks.map((w) => w.at) : [];
				const ats: Pos[] = [q.write.outputModeAt, q.write.triggerAt, ...watermarks].filter(
					(a): a is Pos => a !== undefined
				);
				for (const at of ats) {
					const s = spanAt(q.spans, at);
					expect(s, `${t.id} ${at.line}:${at.column}`).toBeDefined();
					// `end` is just past the closing parenthesis of the call.
					expect(
						lines[(s?.end.line ?? 1) - 1]?.[(s?.end.column ?? 1) - 2],
						`${t.id} ${at.line}:${at.column}`
					).toBe(')');
					compared++;
				}
			}
		expect(compared).toBeGreaterThan(5);
	});
});
