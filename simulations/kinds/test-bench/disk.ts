/**
 * The disk a test module writes to, in memory: `tempfile.mkdtemp`, `os.path.join`,
 * `os.makedirs`, `os.replace`, `open(path, "w")` as a context manager, and `json.dumps`, as the
 * Python modules a pytest file imports. A directory a streaming file source watches hears every
 * file that lands in it whole (os.replace, or a close() of a file written in place), which is
 * how Spark's file source sees files: on listing, complete.
 */
import { PyException } from '../../python/errors';
import { strRepr } from '../../python/format';
import {
	PyBuiltin,
	PyDict,
	PyFloat,
	PyHost,
	PyModule,
	PyTuple,
	type PyValue
} from '../../python/values';

const TEMP_ROOT = '/tmp';

function text(v: PyValue | undefined, fn: string): string {
	if (typeof v !== 'string') throw new PyException('TypeError', `${fn}() expects a path string`);
	return v;
}

/** posixpath.join: an absolute part restarts the path. */
export function joinPath(parts: readonly string[]): string {
	let out = '';
	for (const p of parts) {
		if (p.startsWith('/') || out === '') out = p;
		else out = out.endsWith('/') ? out + p : `${out}/${p}`;
	}
	return out;
}

const parent = (path: string): string => path.slice(0, Math.max(1, path.lastIndexOf('/')));
const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** json.dumps with Python's default separators (", " and ": "). */
export function jsonDumps(v: PyValue): string {
	if (v === null) return 'null';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (typeof v === 'number') return String(v);
	if (v instanceof PyFloat) return Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v);
	if (typeof v === 'string') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(jsonDumps).join(', ')}]`;
	if (v instanceof PyTuple) return `[${v.items.map(jsonDumps).join(', ')}]`;
	if (v instanceof PyDict)
		return `{${[...v.entries.values()]
			.map(([k, x]) => `${JSON.stringify(typeof k === 'string' ? k : String(k))}: ${jsonDumps(x)}`)
			.join(', ')}}`;
	throw new PyException('TypeError', 'Object of this type is not JSON serializable');
}

/** A file opened for writing: its text lands on the disk at close(). */
class WrittenFile extends PyHost {
	private content = '';
	private closed = false;
	constructor(
		private readonly disk: VirtualDisk,
		private readonly path: string,
		append: boolean
	) {
		super();
		if (append) this.content = disk.read(path) ?? '';
	}

	get typeName(): string {
		return 'TextIOWrapper';
	}

	getAttr(name: string): PyValue | undefined {
		switch (name) {
			case 'write':
				return new PyBuiltin('write', (args) => {
					if (this.closed) throw new PyException('ValueError', 'I/O operation on closed file.');
					const s = text(args[0], 'write');
					this.content += s;
					return s.length;
				});
			case '__enter__':
				return new PyBuiltin('__enter__', () => this);
			case 'close':
			case '__exit__':
				return new PyBuiltin(name, () => {
					if (!this.closed) this.disk.write(this.path, this.content);
					this.closed = true;
					return false;
				});
		}
		return undefined;
	}
}

export class VirtualDisk {
	private readonly dirs = new Set<string>(['/', TEMP_ROOT]);
	private readonly files = new Map<string, string>();
	private temps = 0;
	/** Called when a whole file appears in a directory (the streaming file source's listing). */
	onArrive: (dir: string, name: string, content: string) => void = () => {};

	read(path: string): string | undefined {
		return this.files.get(path);
	}

	isDir(path: string): boolean {
		return this.dirs.has(path);
	}

	write(path: string, content: string): void {
		if (!this.dirs.has(parent(path)))
			throw new PyException(
				'FileNotFoundError',
				`[Errno 2] No such file or directory: ${strRepr(path)}`
			);
		this.files.set(path, content);
		this.onArrive(parent(path), base(path), content);
	}

	private makedirs(path: string, existOk: boolean): void {
		if (this.dirs.has(path)) {
			if (existOk) return;
			throw new PyException('FileExistsError', `[Errno 17] File exists: ${strRepr(path)}`);
		}
		for (let p = path; p !== '/' && !this.dirs.has(p); p = parent(p)) this.dirs.add(p);
	}

	private replace(src: string, dst: string): void {
		const content = this.files.get(src);
		if (content === undefined)
			throw new PyException(
				'FileNotFoundError',
				`[Errno 2] No such file or directory: ${strRepr(src)} -> ${strRepr(dst)}`
			);
		this.files.delete(src);
		this.write(dst, content);
	}

	/** The modules a test imports, bound to this disk. */
	modules(): Map<string, PyModule> {
		const path = new PyModule(
			'posixpath',
			new Map<string, PyValue>([
				['join', new PyBuiltin('join', (a) => joinPath(a.map((x) => text(x, 'join'))))],
				['exists', new PyBuiltin('exists', (a) => this.exists(text(a[0], 'exists')))],
				['isdir', new PyBuiltin('isdir', (a) => this.dirs.has(text(a[0], 'isdir')))],
				['basename', new PyBuiltin('basename', (a) => base(text(a[0], 'basename')))],
				['dirname', new PyBuiltin('dirname', (a) => parent(text(a[0], 'dirname')))]
			])
		);
		const os = new PyModule(
			'os',
			new Map<string, PyValue>([
				['path', path],
				[
					'makedirs',
					new PyBuiltin('makedirs', (a, kw) => {
						this.makedirs(text(a[0], 'makedirs'), kw.get('exist_ok') === true || a[2] === true);
						return null;
					})
				],
				[
					'mkdir',
					new PyBuiltin('mkdir', (a) => {
						const p = text(a[0], 'mkdir');
						if (!this.dirs.has(parent(p)))
							throw new PyException(
								'FileNotFoundError',
								`[Errno 2] No such file or directory: ${strRepr(p)}`
							);
						this.makedirs(p, false);
						return null;
					})
				],
				[
					'replace',
					new PyBuiltin('replace', (a) => {
						this.replace(text(a[0], 'replace'), text(a[1], 'replace'));
						return null;
					})
				],
				[
					'rename',
					new PyBuiltin('rename', (a) => {
						this.replace(text(a[0], 'rename'), text(a[1], 'rename'));
						return null;
					})
				],
				[
					'listdir',
					new PyBuiltin('listdir', (a) => {
						const d = text(a[0], 'listdir');
						return [...this.files.keys()]
							.filter((f) => parent(f) === d)
							.map(base)
							.sort();
					})
				]
			])
		);
		const tempfile = new PyModule(
			'tempfile',
			new Map<string, PyValue>([
				[
					'mkdtemp',
					new PyBuiltin('mkdtemp', () => {
						const dir = `${TEMP_ROOT}/tmp${String(this.temps++).padStart(4, '0')}`;
						this.dirs.add(dir);
						return dir;
					})
				]
			])
		);
		const json = new PyModule(
			'json',
			new Map<string, PyValue>([['dumps', new PyBuiltin('dumps', (a) => jsonDumps(a[0] ?? null))]])
		);
		return new Map([
			['os', os],
			['os.path', path],
			['tempfile', tempfile],
			['json', json]
		]);
	}

	private exists(p: string): boolean {
		return this.dirs.has(p) || this.files.has(p);
	}

	/** `open(path, mode)`: writing ("w", "a") only; a test reads its results from Spark. */
	open(): PyBuiltin {
		return new PyBuiltin('open', (a, kw) => {
			const path = text(a[0], 'open');
			const mode = a[1] ?? kw.get('mode') ?? 'r';
			if (mode !== 'w' && mode !== 'a')
				throw new PyException(
					'NotSupported',
					`open(..., ${strRepr(String(mode))}) is not supported on the test bench's disk`,
					undefined,
					'Tests here write input files with open(path, "w") or "a"; read results with spark.table(...).'
				);
			if (!this.dirs.has(parent(path)))
				throw new PyException(
					'FileNotFoundError',
					`[Errno 2] No such file or directory: ${strRepr(path)}`
				);
			return new WrittenFile(this, path, mode === 'a');
		});
	}
}
