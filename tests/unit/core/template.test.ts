import { describe, expect, it } from 'vitest';
import {
	intervalString,
	markedLines,
	markedParams,
	renderProgram,
	replaceFirstLiteral
} from '../../../simulations/core/template';
import { PROGRAMS } from '../../../simulations/questions/programs';

const T = [
	'x = 1',
	'    .option("rowsPerSecond", 100)  # <- eventRate',
	'    .trigger(processingTime="2 seconds")  # <- triggerInterval',
	'ssc = StreamingContext(sc, 2)  # <- triggerInterval'
].join('\n');

describe('program templates', () => {
	it('markedParams lists each marked parameter once, in order', () => {
		expect(markedParams(T)).toEqual(['eventRate', 'triggerInterval']);
	});

	it('markedLines finds every line a parameter marks', () => {
		expect(markedLines(T, 'triggerInterval')).toEqual([2, 3]);
	});

	it('renderProgram rewrites only the marked spans and keeps the markers', () => {
		const out = renderProgram(T, {
			triggerInterval: (line) => replaceFirstLiteral(line, '"5 seconds"')
		});
		expect(out.split('\n')[0]).toBe('x = 1');
		expect(out.split('\n')[1]).toBe(T.split('\n')[1]);
		expect(out.split('\n')[2]).toBe(
			'    .trigger(processingTime="5 seconds")  # <- triggerInterval'
		);
	});

	it('renderProgram drops a line whose rewrite returns null (a variant that removes a call)', () => {
		const out = renderProgram(T, { eventRate: () => null });
		expect(out).not.toContain('rowsPerSecond');
		expect(out.split('\n')).toHaveLength(3);
	});

	it('replaceFirstLiteral replaces strings, numbers and booleans', () => {
		expect(replaceFirstLiteral('.option("numPartitions", 2)', '"numPartitions"')).toBe(
			'.option("numPartitions", 2)'
		);
		expect(replaceFirstLiteral('NUM_KEYS = 5', '7')).toBe('NUM_KEYS = 7');
		expect(replaceFirstLiteral('once=True', 'False')).toBe('once=False');
	});

	it('intervalString spells Spark interval strings', () => {
		expect(intervalString(1)).toBe('1 second');
		expect(intervalString(10)).toBe('10 seconds');
		expect(intervalString(0.25)).toBe('250 milliseconds');
	});

	it('every question has a main program, and rendering with no rewrites changes nothing', () => {
		expect(Object.keys(PROGRAMS)).toHaveLength(30);
		for (const [slug, programs] of Object.entries(PROGRAMS)) {
			expect(programs[0]?.id, slug).toBe('main');
			for (const p of programs) expect(renderProgram(p.template, {})).toBe(p.template);
		}
	});
});
