/**
 * The Python a data source program imports, for a run in virtual time: `pyspark.sql.datasource`'s
 * base classes (DataSource, DataSourceStreamReader, DataSourceStreamWriter, InputPartition,
 * WriterCommitMessage, with PySpark's defaults), `dataclasses.dataclass`, `time.time()` on the
 * simulation's clock (0 when the query first starts), `random` on the run's seed, `json.dumps`,
 * `os.path.join` / `os.makedirs`, and `open()` on a small in-memory file system, so a writer's
 * files are what the page shows. Nothing here reads the real clock or disk.
 */
import { dataclass, PyClass, PyInstance } from '../../python/classes';
import { PyException } from '../../python/errors';
import { floatRepr } from '../../python/format';
import {
	PyBuiltin,
	PyDict,
	PyFloat,
	PyModule,
	PyHost,
	PyTuple,
	float,
	type PyValue
} from '../../python/values';
import type { Rng } from '../../core/rng';

/** Files a program wrote, by path: their text, and how many times each was opened to write. */
export class MemoryFiles {
	readonly files = new Map<string, string>();
	readonly dirs = new Set<string>();
	/** Each open() for writing, in order. */
	readonly opened: string[] = [];
}

const builtin = (name: string, fn: (args: readonly PyValue[]) => PyValue) =>
	new PyBuiltin(name, (args) => fn(args));

const notImplemented = (cls: string, method: string) =>
	new PyBuiltin(method, () => {
		throw new PyException(
			'PySparkNotImplementedError',
			`[NOT_IMPLEMENTED] ${method} is not implemented in ${cls}.`
		);
	});

const nothing = (name: string) => new PyBuiltin(name, () => null);

/** PySpark's base classes, with its defaults: `name()` is the class name, `self.options` the
 *  options given to the source, unimplemented methods raise PySparkNotImplementedError. */
export function datasourceModule(): PyModule {
	const dataSource = new PyClass(
		'DataSource',
		new Map<string, PyValue>([
			[
				'__init__',
				new PyBuiltin('__init__', ([self, options]) => {
					if (self instanceof PyInstance) self.setAttr('options', options ?? new PyDict());
					return null;
				})
			],
			['schema', notImplemented('DataSource', 'schema')],
			['streamReader', notImplemented('DataSource', 'streamReader')],
			['streamWriter', notImplemented('DataSource', 'streamWriter')]
		]),
		null
	);
	const reader = new PyClass(
		'DataSourceStreamReader',
		new Map<string, PyValue>([
			['initialOffset', notImplemented('DataSourceStreamReader', 'initialOffset')],
			['latestOffset', notImplemented('DataSourceStreamReader', 'latestOffset')],
			['partitions', notImplemented('DataSourceStreamReader', 'partitions')],
			['read', notImplemented('DataSourceStreamReader', 'read')],
			['commit', nothing('commit')],
			['stop', nothing('stop')]
		]),
		null
	);
	const writer = new PyClass(
		'DataSourceStreamWriter',
		new Map<string, PyValue>([
			['write', notImplemented('DataSourceStreamWriter', 'write')],
			['commit', notImplemented('DataSourceStreamWriter', 'commit')],
			['abort', notImplemented('DataSourceStreamWriter', 'abort')]
		]),
		null
	);
	const partition = new PyClass(
		'InputPartition',
		new Map<string, PyValue>([
			[
				'__init__',
				new PyBuiltin('__init__', ([self, value]) => {
					if (self instanceof PyInstance) self.setAttr('value', value ?? null);
					return null;
				})
			]
		]),
		null
	);
	const message = new PyClass('WriterCommitMessage', new Map(), null);
	return new PyModule(
		'pyspark.sql.datasource',
		new Map<string, PyValue>([
			['DataSource', dataSource],
			['DataSourceStreamReader', reader],
			['DataSourceStreamWriter', writer],
			['InputPartition', partition],
			['WriterCommitMessage', message]
		])
	);
}

/** json.dumps with Python's default separators (", " and ": "). */
export function jsonDumps(v: PyValue): string {
	if (v === null) return 'null';
	if (v === true) return 'true';
	if (v === false) return 'false';
	if (typeof v === 'number') return String(v);
	if (v instanceof PyFloat) return floatRepr(v.v);
	if (typeof v === 'string') return JSON.stringify(v);
	if (Array.isArray(v) || v instanceof PyTuple)
		return `[${(Array.isArray(v) ? v : v.items).map(jsonDumps).join(', ')}]`;
	if (v instanceof PyDict)
		return `{${[...v.entries.values()].map(([k, x]) => `${JSON.stringify(String(k))}: ${jsonDumps(x)}`).join(', ')}}`;
	throw new PyException('TypeError', `Object of this type is not JSON serializable`);
}

/** A file opened for writing: `write` appends to its text, `with` closes it. */
class MemoryFile extends PyHost {
	readonly typeName = 'TextIOWrapper';
	constructor(
		private readonly fs: MemoryFiles,
		private readonly path: string
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		switch (name) {
			case 'write':
				return builtin('write', ([text]) => {
					const s = typeof text === 'string' ? text : '';
					this.fs.files.set(this.path, (this.fs.files.get(this.path) ?? '') + s);
					return s.length;
				});
			case '__enter__':
				return builtin('__enter__', () => this);
			case '__exit__':
			case 'close':
				return builtin(name, () => null);
		}
		return undefined;
	}
}

export interface ProgramWorld {
	/** Virtual ms since the query first started. */
	readonly nowMs: () => number;
	readonly rng: Rng;
	readonly fs: MemoryFiles;
}

/** The modules and builtins the program's classes use, bound to one run's clock, seed and files. */
export function programModules(world: ProgramWorld): {
	modules: Map<string, PyModule>;
	globals: Map<string, PyValue>;
} {
	const join = builtin('join', (parts) => parts.map(String).join('/').replace(/\/+/g, '/'));
	const os = new PyModule(
		'os',
		new Map<string, PyValue>([
			['makedirs', new PyBuiltin('makedirs', ([p]) => (world.fs.dirs.add(String(p)), null))],
			['path', new PyModule('os.path', new Map([['join', join]]))]
		])
	);
	const open = new PyBuiltin('open', ([path, mode]) => {
		const p = String(path);
		const m = typeof mode === 'string' ? mode : 'r';
		if (m.startsWith('w') || m.startsWith('a')) world.fs.opened.push(p);
		if (m.startsWith('w')) world.fs.files.set(p, '');
		else if (m.startsWith('a')) world.fs.files.set(p, world.fs.files.get(p) ?? '');
		else throw new PyException('OSError', `the simulation's files are write-only (mode '${m}')`);
		return new MemoryFile(world.fs, p);
	});
	const modules = new Map<string, PyModule>([
		['pyspark.sql.datasource', datasourceModule()],
		[
			'dataclasses',
			new PyModule(
				'dataclasses',
				new Map([['dataclass', builtin('dataclass', ([c]) => dataclass(c ?? null))]])
			)
		],
		[
			'time',
			new PyModule('time', new Map([['time', builtin('time', () => float(world.nowMs() / 1000))]]))
		],
		[
			'random',
			new PyModule(
				'random',
				new Map([['random', builtin('random', () => float(world.rng.next()))]])
			)
		],
		[
			'json',
			new PyModule('json', new Map([['dumps', builtin('dumps', ([v]) => jsonDumps(v ?? null))]]))
		],
		['os', os]
	]);
	return { modules, globals: new Map<string, PyValue>([['open', open]]) };
}

/** A pyspark Row: a tuple whose fields are also attributes (`row.reading`, `row[2]`). */
export class PyRow extends PyHost {
	readonly typeName = 'Row';
	constructor(
		readonly names: readonly string[],
		readonly values: readonly PyValue[]
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		const i = this.names.indexOf(name);
		return i >= 0 ? (this.values[i] ?? null) : undefined;
	}
	getItem(key: PyValue): PyValue | undefined {
		if (typeof key === 'number') return this.values[key < 0 ? this.values.length + key : key];
		if (typeof key === 'string') return this.getAttr(key);
		return undefined;
	}
	iterValues(): readonly PyValue[] {
		return this.values;
	}
	length(): number {
		return this.values.length;
	}
}
