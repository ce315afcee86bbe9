/**
 * ProgressRecord server-rendered on SIM-1's fixed run (basic-11 `overrun`, seed 1, at 14 s): the
 * JSON it prints is the engine's StreamingQueryProgress for the batch, field for field, and its
 * batch picker offers exactly the batches committed by the cursor.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ProgressRecord from '$lib/views/progress-record/ProgressRecord.svelte';
import { MICRO_BATCH } from './fixtures/micro-batch-run';
import { findAll, normalise, one, parseMarkup, textOf } from './fixtures/markup';

const { trace, now } = MICRO_BATCH;
const committed = trace.batches.filter((b) => b.commitAt <= now);
const latest = committed.at(-1)!;
const draw = (selected: number | null) => {
	const batch = selected === null ? latest : committed.find((b) => b.batchId === selected);
	return render(ProgressRecord, {
		props: { batch, batchIds: committed.map((b) => b.batchId), selected, onselect: () => {} }
	}).body;
};

/** Svelte escapes the <pre>'s text; the parser gives it back verbatim. */
const printed = (html: string) => {
	const pre = findAll(one(parseMarkup(html), 'view-progress'), (e) => e.tag === 'pre')[0]!;
	return pre.children.join('');
};

describe('ProgressRecord (server-rendered), basic-11 overrun seed 1 at 14 s', () => {
	it('snapshot', async () => {
		await expect(normalise(draw(null))).toMatchFileSnapshot(
			'./__snapshots__/progress-record-overrun.html.txt'
		);
	});

	it('prints the engine’s progress record of the last committed batch, every field', () => {
		expect(committed.length).toBeGreaterThan(1);
		expect(JSON.parse(printed(draw(null)))).toEqual(JSON.parse(JSON.stringify(latest.progress)));
		expect(textOf(findAll(parseMarkup(draw(null)), (e) => e.tag === 'h4')[0]!)).toBe(
			'query.lastProgress'
		);
	});

	it('prints the rates as Spark’s JSON does, with one decimal', () => {
		const text = printed(draw(null));
		expect(text).toMatch(/"inputRowsPerSecond": -?\d+\.\d/);
		expect(text).toMatch(/"processedRowsPerSecond": -?\d+\.\d/);
	});

	it('a picked batch prints that batch’s record', () => {
		const first = committed[0]!;
		expect(JSON.parse(printed(draw(first.batchId)))).toEqual(
			JSON.parse(JSON.stringify(first.progress))
		);
	});

	it('offers exactly the batches committed by the cursor', () => {
		const options = findAll(
			one(parseMarkup(draw(null)), 'progress-batch'),
			(e) => e.tag === 'option'
		);
		expect(options.map((o) => o.attrs['value'])).toEqual([
			'latest',
			...committed.map((b) => String(b.batchId))
		]);
	});
});
