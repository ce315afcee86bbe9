import { describe, expect, it } from 'vitest';
import { FileDirectory } from '../../../simulations/sources/files/directory';
import {
	type FileSourceLog,
	FileStreamSource,
	fileLogText,
	parseFileSourceOptions
} from '../../../simulations/sources/files/file-source';
import { runToCompletion } from '../../../simulations/sources/trigger-plan';
import { OneSourceRun, values } from './drive';

function files(
	raw: Record<string, string>,
	dir = new FileDirectory('/data/in'),
	log: FileSourceLog = new Map()
) {
	const o = parseFileSourceOptions(raw);
	if (!o.ok) throw new Error(o.error);
	return { dir, log, source: new FileStreamSource({ directory: dir, options: o.value, log }) };
}

/** addData for a `files` input: one new file per call, each a little newer than the last. */
function write(dir: FileDirectory, ...lines: string[]) {
	const n = dir.list().length;
	dir.add(
		`f${n}.txt`,
		lines.map((l) => ({ value: l })),
		1000 * (n + 1)
	);
}

describe('file source: maxFilesPerTrigger and its file log', () => {
	it('files-max-files-per-trigger: two files per batch, oldest first, with the unread-files cache', () => {
		const { dir, source, log } = files({ maxFilesPerTrigger: '2' });
		for (const v of ['a', 'b', 'c']) write(dir, v);
		const run = new OneSourceRun(source);
		// a,b then c (the listing's leftover [c] is cached: 1 ≥ 2 × 0.2).
		expect(run.drain().map((b) => values(b.rows))).toEqual([['a', 'b'], ['c']]);
		for (const v of ['d', 'e', 'f', 'g']) write(dir, v);
		expect(run.drain().map((b) => values(b.rows))).toEqual([
			['d', 'e'],
			['f', 'g']
		]);
		for (const v of ['h', 'i', 'j', 'k', 'l']) write(dir, v);
		expect(run.drain().map((b) => values(b.rows))).toEqual([['h', 'i'], ['j', 'k'], ['l']]);
		// Seven batches (0..6): one log entry per selection.
		expect([...log.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(fileLogText(log.get(6) ?? [])).toBe(
			'v1\n{"path":"file:///data/in/f11.txt","timestamp":12000,"batchId":6}'
		);
		expect(source.offsetJson(6)).toBe('{"logOffset":6}');
	});

	it('the cache hides files arriving while it lasts: a cached leftover runs before newer files', () => {
		// 5 files, max 2: [f0,f1] and cache [f2,f3,f4]. Then f5 arrives: the next batches still come
		// from the cache, [f2,f3] then [f4] alone (below max although f5 is there), then [f5].
		const { dir, source } = files({ maxFilesPerTrigger: '2' });
		for (let i = 0; i < 5; i++) write(dir, `v${i}`);
		const run = new OneSourceRun(source);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['v0', 'v1']);
		write(dir, 'v5');
		expect(run.drain().map((b) => values(b.rows))).toEqual([['v2', 'v3'], ['v4'], ['v5']]);
	});

	it('latestFirst takes the newest files first and never caches', () => {
		const { dir, source } = files({ maxFilesPerTrigger: '2', latestFirst: 'true' });
		for (const v of ['a', 'b', 'c']) write(dir, v);
		expect(new OneSourceRun(source).drain().map((b) => values(b.rows))).toEqual([
			['c', 'b'],
			['a']
		]);
	});

	it('maxFileAge is relative to the newest file seen and skips nothing in the first batch', () => {
		const dir = new FileDirectory('/d');
		dir.add('old.txt', [{ value: 'old' }], 1_000);
		dir.add('new.txt', [{ value: 'new' }], 100_000);
		const { source } = files({ maxFileAge: '10s' }, dir);
		const run = new OneSourceRun(source);
		// First batch: lastPurgeTimestamp is 0, both are new.
		expect(values(run.trigger()?.rows ?? [])).toEqual(['old', 'new']);
		// After the purge lastPurgeTimestamp = 100000 − 10000 = 90000: a late file stamped 50000 is ignored.
		dir.add('late.txt', [{ value: 'late' }], 50_000);
		dir.add('fresh.txt', [{ value: 'fresh' }], 95_000);
		expect(values(run.trigger()?.rows ?? [])).toEqual(['fresh']);
	});

	it('a restart rebuilds the seen files from the log: nothing is read twice', () => {
		const first = files({});
		write(first.dir, 'x');
		const run = new OneSourceRun(first.source);
		run.drain();
		write(first.dir, 'y');
		const restarted = files({}, first.dir, first.log);
		const rerun = new OneSourceRun(restarted.source, run.committed);
		expect(rerun.drain().map((b) => values(b.rows))).toEqual([['y']]);
	});

	it("refuses both limits at once, and non-positive ones, with FileStreamOptions' messages", () => {
		const e = (raw: Record<string, string>) => {
			const r = parseFileSourceOptions(raw);
			return r.ok ? 'ok' : r.error;
		};
		expect(e({ maxFilesPerTrigger: '1', maxBytesPerTrigger: '10' })).toBe(
			"Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time"
		);
		expect(e({ maxFilesPerTrigger: '0' })).toBe(
			"Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer"
		);
		expect(e({ latestFirst: 'yes' })).toBe(
			"Invalid value 'yes' for option 'latestFirst', must be 'true' or 'false'"
		);
		expect(e({ modifiedAfter: '2020-01-01' })).toBe(
			"option 'modifiedafter' is not allowed in file stream sources"
		);
	});

	it('maxBytesPerTrigger always takes the first file, then files while the total fits', () => {
		const dir = new FileDirectory('/b');
		dir.add('a', [{ value: 'a' }], 1, 60);
		dir.add('b', [{ value: 'b' }], 2, 30);
		dir.add('c', [{ value: 'c' }], 3, 30);
		const { source } = files({ maxBytesPerTrigger: '100' }, dir);
		// 60 + 30 = 90 ≤ 100; + 30 = 120 > 100 → [a, b] then [c].
		expect(new OneSourceRun(source).drain().map((b) => values(b.rows))).toEqual([
			['a', 'b'],
			['c']
		]);
	});
});

describe('file source under once and availableNow', () => {
	it('files-once-ignores-max-files: Trigger.Once reads every new file in one batch, each run', () => {
		const { dir, source, log } = files({ maxFilesPerTrigger: '1' });
		for (const v of ['1', '2', '3']) write(dir, v);
		const r1 = runToCompletion([source], 'once', [null]);
		expect(r1.batches).toHaveLength(1);
		expect(r1.warnings).toEqual([
			'The read limit MaxFiles: 1 for FileStreamSource[file:/data/in] is ignored when Trigger.Once is used.'
		]);
		expect(log.get(0)?.map((e) => e.path)).toEqual([
			'file:///data/in/f0.txt',
			'file:///data/in/f1.txt',
			'file:///data/in/f2.txt'
		]);
		for (const v of ['4', '5']) write(dir, v);
		// The next run is a new source instance over the same checkpoint log.
		const again = files({ maxFilesPerTrigger: '1' }, dir, log);
		const r2 = runToCompletion([again.source], 'once', r1.committed);
		expect(r2.batches.map((b) => b.ends[0])).toEqual([1]);
	});

	it('files-available-now-after-once: availableNow honours maxFilesPerTrigger, one file per batch', () => {
		const { dir, source, log } = files({ maxFilesPerTrigger: '1' });
		for (const v of ['1', '2', '3']) write(dir, v);
		const once = runToCompletion([source], 'once', [null]);
		for (const v of ['4', '5']) write(dir, v);
		const an = files({ maxFilesPerTrigger: '1' }, dir, log);
		const r = runToCompletion([an.source], 'availableNow', once.committed);
		// batch 1 = log entry 1 = [f3] ("4"), batch 2 = [f4] ("5")
		expect(r.batches.map((b) => [b.starts[0], b.ends[0]])).toEqual([
			[0, 1],
			[1, 2]
		]);
		expect(log.get(1)?.map((e) => e.path)).toEqual(['file:///data/in/f3.txt']);
		expect(log.get(2)?.map((e) => e.path)).toEqual(['file:///data/in/f4.txt']);
	});

	it('availableNow stops at the files listed at its start', () => {
		const { dir, source } = files({ maxFilesPerTrigger: '1' });
		write(dir, 'a');
		write(dir, 'b');
		const run = new OneSourceRun(source, null, 'availableNow');
		expect(values(run.trigger()?.rows ?? [])).toEqual(['a']);
		write(dir, 'late');
		expect(values(run.trigger()?.rows ?? [])).toEqual(['b']);
		expect(run.trigger()).toBeNull();
	});
});
