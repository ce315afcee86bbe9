import { describe, expect, it } from 'vitest';
import { microBatchScenario } from '../../../simulations/kinds/micro-batch/questions';
import { controllerOf, type MbController as Controller } from './controllers';

import { serialiseUrlState } from '../../../src/lib/sim/url-state';
import { tablesAt } from '../../../src/lib/views/micro-batch-tables/layout';

const basic02 = microBatchScenario('basic-02-pyspark-streaming-support')!;
const guide = basic02.presets.find((p) => p.id === 'guide-quick-example')!;

const trace = (c: Controller) => {
	if (c.run!.kind !== 'microBatch') throw new Error('expected a micro-batch run');
	return c.run!.trace;
};
const lineTexts = (c: Controller) => trace(c).lines.map((l) => l.text);
/** The result table on screen: "word count" per row, sorted. */
const resultTable = (c: Controller) =>
	tablesAt(trace(c), c.playback.now)
		.result.map((r) => r.cells.join(' '))
		.sort();
/** What the sink received in the batch at the cursor. */
const sent = (c: Controller) =>
	tablesAt(trace(c), c.playback.now)
		.result.filter((r) => r.emitted)
		.map((r) => r.cells.join(' '))
		.sort();

describe('basic-02 “The guide’s example”: the socket receives the guide’s two lines', () => {
	it('picking it types them, restarts the cursor, and two steps give the guide’s two batches', () => {
		const c = controllerOf(basic02);
		expect(c.playback.now).toBeGreaterThan(0);
		c.pick(guide);
		expect(c.program.script).toBe('spark:docs/streaming/getting-started.md, "Quick Example"');
		expect(lineTexts(c)).toEqual(['apache spark', 'apache hadoop']);
		expect(c.playback.now).toBe(0);
		c.playback.step();
		expect(resultTable(c)).toEqual(['apache 1', 'spark 1']);
		c.playback.step();
		expect(resultTable(c)).toEqual(['apache 2', 'hadoop 1', 'spark 1']);
		expect(sent(c)).toEqual(['apache 2', 'hadoop 1', 'spark 1']);
		expect(c.stopCount).toBe(2);
	});

	it('update mode on the same lines: batch 1 sends only apache and hadoop; the link replays them', () => {
		const c = controllerOf(basic02);
		c.pick(guide);
		c.set('outputMode', 'update');
		expect(c.preset).toBeNull();
		expect(lineTexts(c)).toEqual(['apache spark', 'apache hadoop']);
		c.playback.seek(0);
		c.playback.step();
		c.playback.step();
		expect(sent(c)).toEqual(['apache 2', 'hadoop 1']);

		const query = serialiseUrlState(c.urlState(), c.urlSpec);
		expect(query.get('preset')).toBe('guide-quick-example');
		expect(query.get('outputMode')).toBe('update');
		const d = controllerOf(basic02);
		d.applyQuery(query);
		expect(d.notices).toEqual([]);
		expect(lineTexts(d)).toEqual(['apache spark', 'apache hadoop']);
		expect(d.playback.now).toBe(c.playback.now);
		expect(sent(d)).toEqual(['apache 2', 'hadoop 1']);
		expect(JSON.stringify(trace(d))).toBe(JSON.stringify(trace(c)));
	});

	it('a link naming only the preset opens the replay at its start, the preset marked', () => {
		const d = controllerOf(basic02);
		d.applyQuery(new URLSearchParams('preset=guide-quick-example&seed=5'));
		expect(d.preset).toBe('guide-quick-example');
		expect(lineTexts(d)).toEqual(['apache spark', 'apache hadoop']);
		expect(d.playback.now).toBe(0);
		expect(d.seed).toBe(5);
	});

	it('a new seed keeps the typed lines (only the query’s start moves)', () => {
		const c = controllerOf(basic02);
		c.pick(guide);
		const start = trace(c).queryStartMs;
		c.newSeed();
		expect(lineTexts(c)).toEqual(['apache spark', 'apache hadoop']);
		expect(trace(c).queryStartMs).not.toBe(start);
	});

	it('moving lines per second goes back to generated lines, and says so', () => {
		const c = controllerOf(basic02);
		c.pick(guide);
		c.set('linesPerSecond', 4);
		expect(c.program.script).toBeNull();
		expect(trace(c).lines.length).toBeGreaterThan(100);
		expect(c.notices.join(' ')).toMatch(/generated lines; pick “The guide’s example” again/);
		expect(serialiseUrlState(c.urlState(), c.urlSpec).get('preset')).toBeNull();
		// A hand-made link asking for both gets the generated lines it asks a rate for.
		const d = controllerOf(basic02);
		d.applyQuery(new URLSearchParams('preset=guide-quick-example&linesPerSecond=4'));
		expect(d.program.script).toBeNull();
		expect(d.preset).toBeNull();
		expect(d.notices).toEqual([
			expect.stringMatching(/^The link sets linesPerSecond, so the socket receives generated lines/)
		]);
	});

	it('moving words per line to the value it has still leaves the typed lines (the run changes)', () => {
		const c = controllerOf(basic02);
		c.pick(guide);
		c.set('wordsPerLine', 3);
		expect(c.program.script).toBeNull();
		expect(lineTexts(c)).not.toEqual(['apache spark', 'apache hadoop']);
	});

	it('another preset ends the replay', () => {
		const c = controllerOf(basic02);
		c.pick(guide);
		c.pick(basic02.presets.find((p) => p.id === 'update-mode')!);
		expect(c.program.script).toBeNull();
		expect(trace(c).lines.length).toBeGreaterThan(100);
	});
});
