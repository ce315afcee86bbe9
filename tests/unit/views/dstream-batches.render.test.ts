/**
 * The DStream batches view server-rendered on basic-03's fixed run (defaults, seed 1, end of the
 * sixth batch): a file snapshot, and checks that each column is one batch interval the engine
 * ran, each box one RDD (one per DStream per batch, R8.1) with the engine's element count and
 * elements, the window bracket spans the batches the engine's window RDD covered, and pprint's
 * text is the engine's.
 */
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import { MAX_LINES } from '$lib/views/dstream-batches/layout';
import DStreamBatches from '$lib/views/dstream-batches/View.svelte';
import StructuredSide from '$lib/views/dstream-batches/StructuredSide.svelte';
import { controllerOf } from '../sim/controllers';
import type { SourceError } from '$sim';
import type { SsRun } from '$sim/kinds/dstream';
import { dstreamScenario, structuredVariant } from '$sim/kinds/dstream/questions';
import { numberParam } from '$sim/core/params';
import { secondsLabel } from '$lib/views/format';
import { DSTREAM } from './fixtures/engine-runs';
import {
	byTestId,
	findAll,
	hasClass,
	normalise,
	one,
	parseMarkup,
	textOf,
	type El
} from './fixtures/markup';

const { run, frame } = DSTREAM;
const body = render(DStreamBatches, { props: { run, frame } }).body;
const root = parseMarkup(body);
const svg = one(root, 'view-dstream-batches');
const columns = findAll(svg, (e) => e.tag === 'g' && hasClass(e, 'col'));
const columnTimes = columns.map((c) => textOf(findAll(c, (e) => hasClass(e, 'col-label'))[0]!));
const visible = frame.batches.filter((b) =>
	columnTimes.includes(`batch ${secondsLabel(b.batch.batchTime)}`)
);

/** A box's text line is the element, or its start cut with an ellipsis where the box is narrow. */
const shows = (line: string, element: string) =>
	line === element || (line.endsWith('…') && element.startsWith(line.slice(0, -1)));

describe('DStream batches view (server-rendered SVG), basic-03 seed 1, end of batch 6', () => {
	it('snapshot', async () => {
		await expect(normalise(body)).toMatchFileSnapshot(
			'./__snapshots__/dstream-batches-basic-03.svg.txt'
		);
	});

	it('shows consecutive batch intervals of the run, the last finished one among them', () => {
		expect(frame.done).toHaveLength(DSTREAM.index + 1);
		expect(visible.length).toBe(columns.length);
		const first = frame.batches.indexOf(visible[0]!);
		expect(visible).toEqual(frame.batches.slice(first, first + visible.length));
		expect(visible.map((b) => b.batch)).toContain(frame.done.at(-1));
		columns.forEach((c, i) => expect(hasClass(c, visible[i]!.phase)).toBe(true));
	});

	it('draws one RDD box per DStream per batch, with the engine’s count and elements once the batch is done', () => {
		const boxes = findAll(svg, (e) => (e.attrs['data-testid'] ?? '').startsWith('rdd-'));
		expect(boxes).toHaveLength(run.rows.length * visible.length);
		let elementsChecked = 0;
		run.rows.forEach((row, i) => {
			for (const b of visible) {
				const box = one(svg, `rdd-${row.nodeId}@${b.batch.batchTime}`);
				const cell = b.batch.cells[i]!;
				expect(hasClass(box, b.phase)).toBe(true);
				if (b.phase !== 'done' || (row.kind !== 'input' && !cell.present)) continue;
				const title = textOf(findAll(box, (e) => hasClass(e, 'cell-title'))[0]!);
				const lines = findAll(box, (e) => hasClass(e, 'cell-line')).map(textOf);
				// A checkpointed box gives part of its title's width to the "ckpt" tag.
				if (row.kind === 'input') expect(title).toMatch(new RegExp(`^${cell.count} lines`));
				else
					expect(
						shows(title, `${cell.count} ${cell.count === 1 ? 'element' : 'elements'}`),
						title
					).toBe(true);
				const shown = cell.count <= MAX_LINES ? cell.count : MAX_LINES - 1;
				expect(lines.length).toBe(Math.min(cell.count, MAX_LINES));
				lines
					.slice(0, shown)
					.forEach((l, k) =>
						expect(shows(l, cell.records[k]!), `${l} / ${cell.records[k]}`).toBe(true)
					);
				if (cell.count > MAX_LINES) expect(lines.at(-1)).toBe(`+${cell.count - shown} more`);
				// Partitions as stripes, one per partition the engine reported.
				expect(findAll(box, (e) => hasClass(e, 'stripe'))).toHaveLength(
					row.kind === 'input' ? b.batch.blocks.length : cell.partitionSizes.length
				);
				elementsChecked++;
			}
		});
		expect(elementsChecked).toBeGreaterThan(run.rows.length);
	});

	it('brackets the batches the engine’s window RDD covered', () => {
		expect(frame.window).not.toBeNull();
		const times = frame.window!.batchTimes;
		const label = textOf(findAll(svg, (e) => hasClass(e, 'bracket-label'))[0]!);
		expect(label).toBe(`window at ${secondsLabel(Math.max(...times))}: ${times.length} batches`);
		const bracket = findAll(svg, (e) => hasClass(e, 'bracket'))[0]!;
		const [x0, x1] = /^M([\d.]+),[\d.]+v6H([\d.]+)v-6$/
			.exec(bracket.attrs['d']!)!
			.slice(1)
			.map(Number);
		const boxX = (t: number): El =>
			one(svg, `rdd-${frame.window!.row.nodeId}@${t}`).children.find(
				(c): c is El => typeof c !== 'string' && c.tag === 'rect'
			)!;
		const firstBox = boxX(Math.min(...times));
		const lastBox = boxX(Math.max(...times));
		expect(x0).toBeCloseTo(Number(firstBox.attrs['x']), 6);
		expect(x1).toBeCloseTo(Number(lastBox.attrs['x']) + Number(lastBox.attrs['width']), 6);
	});

	it('hands the state RDD on with an arrow between consecutive finished batches', () => {
		const stateRows = run.rows.filter((r) => r.kind === 'state');
		const doneVisible = visible.filter((b) => b.phase === 'done').length;
		expect(findAll(svg, (e) => e.tag === 'path' && hasClass(e, 'arrow'))).toHaveLength(
			stateRows.length * Math.max(0, doneVisible - 1)
		);
	});

	it('prints what the engine’s pprint() printed for the last finished batch', () => {
		expect(textOf(one(root, 'dstream-pprint'))).toBe(
			frame.done.at(-1)!.pprint.join('\n').replace(/\s+/g, ' ').trim()
		);
	});
});

describe('StructuredSide (server-rendered), basic-03 seed 1, same cursor', () => {
	const scenario = dstreamScenario('basic-03-dstreams')!;
	const draw = (session: { run: unknown; error: SourceError | null }) =>
		render(StructuredSide, {
			props: {
				run: session.run as SsRun | null,
				error: session.error,
				now: DSTREAM.cursorMs,
				onvariant: () => {}
			}
		}).body;

	it('the page’s own program runs (current_timestamp() is the batch time): no refusal, its rows', () => {
		const session = controllerOf(scenario).companion!;
		const view = one(parseMarkup(draw(session)), 'sim-structured');
		expect(session.error).toBeNull();
		expect(byTestId(view, 'sim-structured-error')).toHaveLength(0);
		const ss = session.run as SsRun;
		expect(ss.queries).toHaveLength(2);
		const trs = findAll(view, (e) => e.tag === 'tr');
		expect(findAll(trs[0]!, (e) => e.tag === 'th').map(textOf)).toEqual([...ss.columns]);
	});

	describe('after picking the running-totals variant (as the page does: an edit of the tab)', () => {
		vi.useFakeTimers();
		const session = controllerOf(scenario).companion!;
		session.edit(structuredVariant('totals', numberParam(session.params, 'batchInterval')));
		vi.runAllTimers();
		vi.useRealTimers();
		const side = draw(session);
		const view = one(parseMarkup(side), 'sim-structured');

		it('snapshot', async () => {
			await expect(normalise(side)).toMatchFileSnapshot(
				'./__snapshots__/structured-side-basic-03-totals.html.txt'
			);
		});

		it('shows the sink rows of the engine’s last micro-batch finished by the cursor', () => {
			expect(session.error).toBeNull();
			const ss = session.run as SsRun;
			const done = ss.batches.filter((b) => b.endMs <= DSTREAM.cursorMs);
			const latest = done.at(-1)!;
			expect(textOf(view)).toContain(`micro-batches done ${done.length}`);
			expect(textOf(view)).toContain(
				`batch ${latest.batchId} at ${secondsLabel(latest.startMs)}: ${latest.numInputRows} input rows, ${latest.rows.length} rows to the sink`
			);
			const trs = findAll(view, (e) => e.tag === 'tr');
			expect(findAll(trs[0]!, (e) => e.tag === 'th').map(textOf)).toEqual([...ss.columns]);
			expect(latest.rows.length).toBeGreaterThan(0);
			expect(trs.slice(1).map((tr) => findAll(tr, (e) => e.tag === 'td').map(textOf))).toEqual(
				latest.rows.slice(0, 12).map((r) => r.map((v) => String(v)))
			);
		});
	});
});
