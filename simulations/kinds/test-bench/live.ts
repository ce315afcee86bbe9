/**
 * The queries a test starts, run on the engine while the test runs (the reader's LiveHost):
 * a file source over the test's directory on the virtual disk, the memory sink the test reads
 * back with spark.table(name), processAllAvailable as MicroBatchExecution runs it, stop and a
 * new start on the same checkpoint (offsets, state, watermark and the file source's log carry
 * over). Spark's own refusals come as Spark's exceptions, raised where the test called.
 */
import { analyze } from '../../structured/analyzer/index';
import type { AnalyzedNode, AnalyzedQuery } from '../../structured/analyzer/types';
import { parseTimestampString } from '../../structured/expr/cast';
import type { Pos, StructField, Value } from '../../structured/expr/ast';
import { valueToString } from '../../structured/expr/format';
import type { Query } from '../../structured/plan';
import type { Args } from '../../structured/reader/args';
import { fail, ReadFailure } from '../../structured/reader/errors';
import type { LiveHost } from '../../structured/reader/state';
import { NONE, type PyValue as ReaderValue } from '../../structured/reader/values';
import { ContractInputs } from '../../structured/runtime/contract-inputs';
import type { Row } from '../../structured/runtime/context';
import {
	MicroBatchExecution,
	type BatchRecord,
	type Checkpoint
} from '../../structured/runtime/executor';
import { sourceName } from '../../structured/runtime/physical';
import { PlanError } from '../../structured/runtime/plan-errors';
import { FileDirectory } from '../../sources/files/directory';
import {
	FileStreamSource,
	parseFileSourceOptions,
	type FileSourceLog,
	type FileSourceOptions
} from '../../sources/files/file-source';
import type { SourceRow } from '../../sources/contract';
import type { Span } from '../../python/errors';
import { PyException } from '../../python/errors';
import { repr } from '../../python/format';
import { PyDict, PyFloat, PyTuple, pyKey, type PyValue } from '../../python/values';
import type { VirtualDisk } from './disk';
import { explainText } from './explain';
import {
	STEP_MS,
	type BenchBatch,
	type BenchRun,
	type BenchStep,
	type Side,
	type TestOutcome
} from './frames';

const FILE_FORMATS = ['json'];

interface Running {
	readonly q: AnalyzedQuery;
	readonly exec: MicroBatchExecution;
	readonly name: string;
	readonly checkpointAt: string;
	readonly batches: BatchRecord[];
	active: boolean;
}

interface Arrival {
	readonly dir: string;
	readonly name: string;
	readonly content: string;
	readonly atMs: number;
	readonly step: number;
}

/** A JSON value as Python's json.loads gives it (dicts, lists, str, int, float). */
function jsonToPy(x: unknown): PyValue {
	if (x === null || x === undefined) return null;
	if (typeof x === 'string' || typeof x === 'boolean') return x;
	if (typeof x === 'number') return Number.isInteger(x) ? x : new PyFloat(x);
	if (Array.isArray(x)) return x.map(jsonToPy);
	const d = new PyDict();
	const raise = (t: string, m: string) => new PyException(t, m);
	for (const [k, v] of Object.entries(x as Record<string, unknown>))
		d.entries.set(pyKey(k, raise), [k, jsonToPy(v)]);
	return d;
}

/** A JSON line read with the source's schema (PERMISSIVE: what does not fit is null). */
function parseLine(line: string, schema: readonly StructField[]): SourceRow {
	let o: Record<string, unknown> = {};
	try {
		const parsed: unknown = JSON.parse(line);
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
			o = parsed as Record<string, unknown>;
	} catch {
		o = {};
	}
	const row: Record<string, Value> = {};
	for (const f of schema) {
		const v = o[f.name];
		if (v === undefined || v === null) row[f.name] = null;
		else if (f.type.kind === 'timestamp')
			row[f.name] = typeof v === 'string' ? parseTimestampString(v) : null;
		else if (f.type.kind === 'string') row[f.name] = typeof v === 'string' ? v : JSON.stringify(v);
		else if (['int', 'long', 'double', 'float'].includes(f.type.kind))
			row[f.name] = typeof v === 'number' ? v : null;
		else if (f.type.kind === 'boolean') row[f.name] = typeof v === 'boolean' ? v : null;
		else row[f.name] = null;
	}
	return row;
}

function side(v: PyValue): Side {
	const items = Array.isArray(v) ? v : v instanceof PyTuple ? null : null;
	return { text: repr(v), items: items ? items.map(repr) : null };
}

export class LiveBench implements LiveHost {
	private readonly running: Running[] = [];
	private readonly steps: (BenchStep & { dir?: string })[] = [];
	private readonly checkpoints = new Map<string, { cp: Checkpoint; logs: FileSourceLog[] }>();
	private readonly directories = new Map<string, FileDirectory>();
	/** Each watched directory's schema (a file is read with the schema of the query watching it). */
	private readonly schemas = new Map<string, readonly StructField[]>();
	private readonly arrivals: Arrival[] = [];
	private readonly tables = new Map<string, { schema: readonly StructField[]; rows: Row[] }>();
	private lastRead: { name: string; rows: string[][] } | null = null;
	private clock = 0;
	private explain = '';
	private tempCheckpoints = 0;
	callLines: () => readonly number[] = () => [];

	constructor(
		private readonly code: string,
		disk: VirtualDisk,
		/** The test's stdout: print() writes here, and so does explain(). */
		private readonly printed: string[]
	) {
		disk.onArrive = (dir, name, content) => this.arrive(dir, name, content);
	}

	/** Where the test is: the outermost call being evaluated (the test's own statement). */
	private line(): number {
		return this.callLines()[0] ?? 1;
	}

	private tick(): number {
		this.clock += STEP_MS;
		return this.clock;
	}

	private arrive(dir: string, name: string, content: string): void {
		const atMs = this.tick();
		this.arrivals.push({ dir, name, content, atMs, step: this.steps.length });
		const lines = content.split('\n').filter((l) => l.trim() !== '');
		const objects = lines.map((l) => {
			try {
				return JSON.parse(l) as Record<string, unknown>;
			} catch {
				return { _corrupt: l };
			}
		});
		const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
		this.steps.push({
			kind: 'addData',
			line: this.line(),
			atMs,
			file: name,
			columns,
			rows: objects.map((o) => columns.map((c) => (o[c] === undefined ? '' : String(o[c])))),
			dir
		});
		const directory = this.directories.get(dir);
		const schema = this.schemas.get(dir);
		if (directory && schema) this.land(directory, schema, name, content, atMs);
	}

	private land(
		d: FileDirectory,
		schema: readonly StructField[],
		name: string,
		content: string,
		atMs: number
	): void {
		const lines = content.split('\n').filter((l) => l.trim() !== '');
		d.add(
			name,
			lines.map((l) => parseLine(l, schema)),
			atMs,
			content.length
		);
	}

	/** The file source's directory, with every file that landed there before it was watched. */
	private directoryFor(path: string, schema: readonly StructField[]): FileDirectory {
		const found = this.directories.get(path);
		if (found) return found;
		const d = new FileDirectory(path);
		this.directories.set(path, d);
		this.schemas.set(path, schema);
		for (const a of this.arrivals)
			if (a.dir === path) this.land(d, schema, a.name, a.content, a.atMs);
		return d;
	}

	start(query: Query, at: Pos): number {
		const analyzed = analyze(query);
		if (!analyzed.ok)
			throw new ReadFailure(
				{ line: analyzed.error.line, column: analyzed.error.column },
				analyzed.error.message
			);
		const q = analyzed.value;
		const name = q.write.queryName;
		if (q.write.format !== 'memory' || !name)
			return fail(
				q.write.at,
				'the test bench reads a test’s results from the memory sink',
				'Write with .format("memory").queryName("name") and read the results with spark.table("name").'
			);
		const cpAt = q.write.options.checkpointLocation ?? `/tmp/temporary-${this.tempCheckpoints++}`;
		const saved = this.checkpoints.get(cpAt);
		const restart = saved !== undefined && saved.cp.offsets.length > 0;
		const atMs = this.tick();
		const line = this.line();
		// DataStreamWriter recovers a memory sink from its checkpoint only in complete mode;
		// StreamingQueryManager refuses any other start on a checkpoint that has offsets.
		if (restart && q.outputMode !== 'complete') {
			const message = `This query does not support recovering from checkpoint location. Delete ${cpAt}/offsets to start over.`;
			this.steps.push({ kind: 'start', line, atMs, restart, error: message });
			throw new PyException('AnalysisException', message);
		}
		if (this.running.some((r) => r.active && r.name === name)) {
			const message = `Cannot start query with name ${name} as a query with that name is already active in this SparkSession`;
			this.steps.push({ kind: 'start', line, atMs, restart, error: message });
			throw new PyException('IllegalArgumentException', message);
		}
		const logs = saved?.logs ?? [];
		const sources = new Map<string, { source: FileStreamSource; columns: readonly string[] }>();
		q.sources.forEach((src: AnalyzedNode, i) => {
			const plan = src.plan;
			if (plan.op !== 'Source' || plan.source.kind !== 'readStream') return;
			const s = plan.source;
			if (!FILE_FORMATS.includes(s.format) || s.path === undefined)
				fail(
					plan.at,
					'the test bench feeds the query files: read them with spark.readStream.schema(...).json(directory)',
					'A test adds input by moving a whole file into the directory the query watches.'
				);
			const options = parseFileSourceOptions(s.options);
			if (!options.ok) fail(plan.at, options.error);
			const log = logs[i] ?? new Map();
			logs[i] = log;
			const source = new FileStreamSource({
				directory: this.directoryFor(s.path as string, plan.schema),
				options: (options as { ok: true; value: FileSourceOptions }).value,
				log
			});
			sources.set(sourceName(src), { source, columns: plan.schema.map((f) => f.name) });
		});
		let exec: MicroBatchExecution;
		try {
			const inputs = new ContractInputs(
				sources,
				q.trigger.kind === 'availableNow' || q.trigger.kind === 'once'
					? q.trigger.kind
					: 'processingTime'
			);
			exec = new MicroBatchExecution(q, inputs, {
				clock: () => this.clock,
				...(restart ? { checkpoint: saved.cp } : {})
			});
		} catch (e) {
			if (e instanceof PlanError) {
				const err = e.toSourceError();
				throw new ReadFailure({ line: err.line, column: err.column }, err.message);
			}
			throw e;
		}
		this.checkpoints.set(cpAt, { cp: saved?.cp ?? exec.checkpoint(), logs });
		// A new MemorySink per start: the table the name points at starts empty.
		this.tables.set(name, { schema: q.schema, rows: [] });
		const r: Running = { q, exec, name, checkpointAt: cpAt, batches: [], active: true };
		this.running.push(r);
		this.explain = this.explainOf(r);
		this.steps.push({ kind: 'start', line, atMs, restart, error: null });
		// Trigger.AvailableNow / Once: the query processes what is there at start, then stops.
		if (q.trigger.kind === 'availableNow' || q.trigger.kind === 'once') {
			this.process(r, line);
			r.active = false;
			this.save(r);
		}
		void at;
		return this.running.length - 1;
	}

	private save(r: Running): void {
		const saved = this.checkpoints.get(r.checkpointAt);
		this.checkpoints.set(r.checkpointAt, { cp: r.exec.checkpoint(), logs: saved?.logs ?? [] });
	}

	private process(r: Running, line: number): void {
		const atMs = this.tick();
		const out: BenchBatch[] = [];
		const table = this.tables.get(r.name);
		for (const b of r.exec.runAvailable()) {
			r.batches.push(b);
			if (table) {
				if (r.q.outputMode === 'complete') table.rows = [...b.output];
				else table.rows.push(...b.output);
			}
			out.push({
				batchId: b.batchId,
				noData: b.noData,
				numInputRows: b.numInputRows,
				watermarkMs: b.batchWatermarkMs,
				nextWatermarkMs: b.nextBatchWatermarkMs,
				stateRows: b.operators.reduce((s, o) => s + o.numRowsTotal, 0),
				droppedByWatermark: b.operators.reduce((s, o) => s + o.numRowsDroppedByWatermark, 0),
				emitted: b.output.map((row) => this.rowText(r.q.schema, row)),
				progress: JSON.stringify(b.progress, null, 2)
			});
		}
		this.save(r);
		this.explain = this.explainOf(r);
		this.steps.push({ kind: 'process', line, atMs, batches: out });
	}

	/** explain() as of the last batch: its version and the watermarks it ran with. */
	private explainOf(r: Running): string {
		const b = r.batches.at(-1);
		return explainText(r.q, r.checkpointAt, Math.max(0, r.exec.nextBatchId - 1), {
			lateMs: b ? (r.batches.at(-2)?.batchWatermarkMs ?? 0) : 0,
			evictionMs: b?.batchWatermarkMs ?? 0
		});
	}

	private rowText(schema: readonly StructField[], row: Row): string[] {
		return schema.map((f, i) => {
			const v = row[i] ?? null;
			return v === null ? 'NULL' : valueToString(v, f.type);
		});
	}

	private query(handle: number): Running {
		return this.running[handle] as Running;
	}

	method(handle: number, name: string, a: Args): ReaderValue {
		const r = this.query(handle);
		switch (name) {
			case 'processAllAvailable':
				if (r.active) this.process(r, this.line());
				return NONE;
			case 'awaitTermination':
				if (r.active && a.pos.length === 0 && !a.kw.has('timeout'))
					return fail(
						a.at,
						'awaitTermination() waits until the query stops, which a query with this trigger never does on its own: the test would hang',
						'A test calls query.processAllAvailable(), or starts the query with .trigger(availableNow=True).'
					);
				if (r.active) this.process(r, this.line());
				return a.pos.length > 0 || a.kw.has('timeout') ? { t: 'bool', v: !r.active } : NONE;
			case 'stop':
				if (r.active) {
					r.active = false;
					this.save(r);
					this.steps.push({
						kind: 'stop',
						line: this.line(),
						atMs: this.tick(),
						restart: false,
						error: null
					});
				}
				return NONE;
			case 'explain':
				this.explain = this.explainOf(r);
				this.printed.push(...this.explain.split('\n'));
				return NONE;
		}
		return fail(
			a.at,
			`\`StreamingQuery.${name}\` is not supported on the test bench`,
			'Supported: processAllAvailable, awaitTermination, stop, explain, and the attributes lastProgress, recentProgress, status, isActive, id, runId, name.'
		);
	}

	attr(handle: number, name: string, at: Pos): ReaderValue {
		const r = this.query(handle);
		const py = (v: PyValue): ReaderValue => ({ t: 'py', value: v, type: 'object' });
		switch (name) {
			case 'lastProgress': {
				const b = r.batches.at(-1);
				return b ? py(jsonToPy(b.progress)) : NONE;
			}
			case 'recentProgress':
				return py(r.batches.map((b) => jsonToPy(b.progress)));
			case 'status':
				return py(
					jsonToPy({
						message: r.active ? 'Waiting for data to arrive' : 'Stopped',
						isDataAvailable: false,
						isTriggerActive: false
					})
				);
			case 'isActive':
				return { t: 'bool', v: r.active };
			case 'name':
				return { t: 'str', v: r.name };
			case 'id':
			case 'runId':
				return { t: 'str', v: `${name}-${r.checkpointAt}` };
			case 'exception':
				return NONE;
		}
		return fail(at, `'StreamingQuery' object has no attribute '${name}' the test bench models`);
	}

	table(name: string, at: Pos): ReaderValue | null {
		const t = this.tables.get(name);
		if (!t) return null;
		this.lastRead = { name, rows: t.rows.map((row) => this.rowText(t.schema, row)) };
		return {
			t: 'df',
			plan: {
				op: 'Source',
				id: -1,
				source: { kind: 'bound', name },
				schema: t.schema,
				streaming: false,
				data: { rows: [...t.rows] },
				at
			}
		};
	}

	/** Every assert: a step with both sides of its `==`, and the table it read (if any). */
	readonly onAssert = (span: Span, passed: boolean, sides: readonly [PyValue, PyValue] | null) => {
		this.steps.push({
			kind: 'expect',
			line: this.code.slice(0, span.from).split('\n').length,
			atMs: this.tick(),
			source: this.code.slice(span.from, span.to).replace(/^assert\s+/, ''),
			passed,
			actual: sides ? side(sides[0]) : null,
			expected: sides ? side(sides[1]) : null,
			table: this.lastRead
		});
		this.lastRead = null;
	};

	defLine(name: string): Pos {
		const i = this.code.search(new RegExp(`^def ${name}\\b`, 'm'));
		return { line: i < 0 ? 1 : this.code.slice(0, i).split('\n').length, column: 1 };
	}

	/** pytest ends a test's session queries with the test (the module's `finally` usually has). */
	stopAll(): void {
		for (const r of this.running)
			if (r.active) {
				r.active = false;
				this.save(r);
			}
	}

	result(tests: readonly TestOutcome[]): BenchRun {
		const watched = new Set(this.directories.keys());
		const steps = this.steps
			.filter((s) => s.kind !== 'addData' || watched.has(s.dir ?? ''))
			// One step per second of the page's clock, in the order the test ran them.
			.map(({ dir: _dir, ...s }, i) => ({ ...s, atMs: (i + 1) * STEP_MS }) as BenchStep);
		const last = this.running.at(-1);
		const wm = last?.q.watermarks[0];
		return {
			tests,
			steps,
			columns: last ? last.q.schema.map((f) => f.name) : [],
			outputMode: last?.q.outputMode ?? 'append',
			watermarkDelayMs: wm ? wm.delayMs : null,
			explain: this.explain,
			stdout: [...this.printed],
			endMs: (steps.at(-1)?.atMs ?? 0) + STEP_MS
		};
	}
}
