/**
 * A simulated file system for output code that writes files itself (foreachRDD writing one file
 * per batch and partition, as the DStream guide's "Design Patterns for using foreachRDD"
 * describes): `open(path, "w"|"a")` as a context manager, `os.makedirs`, `os.path.join`,
 * `os.path.exists`. Every write is logged, so a replayed batch shows up as a rewrite of the same
 * file (idempotent) rather than a new one.
 */
import { raise } from '../python/builtins';
import { str } from '../python/format';
import { PyBuiltin, PyHost, PyModule } from '../python/values';
import type { PyValue } from '../python/values';
import { str0 } from './args';

export interface FileWrite {
	readonly path: string;
	readonly lines: number;
	/** The path already held a file: written again (overwritten or appended). */
	readonly rewrite: boolean;
}

export class SimulatedFs {
	readonly files = new Map<string, string>();
	/** Writes since the last drain (one batch's worth, for the trace). */
	readonly log: FileWrite[] = [];

	drain(): FileWrite[] {
		return this.log.splice(0);
	}
}

class FileHost extends PyHost {
	readonly typeName = 'TextIOWrapper';
	private buffer = '';
	private closed = false;
	constructor(
		private readonly fs: SimulatedFs,
		private readonly path: string,
		private readonly mode: string
	) {
		super();
	}

	private close(): null {
		if (this.closed) return null;
		this.closed = true;
		const existed = this.fs.files.has(this.path);
		const before = this.mode.startsWith('a') ? (this.fs.files.get(this.path) ?? '') : '';
		this.fs.files.set(this.path, before + this.buffer);
		this.fs.log.push({
			path: this.path,
			lines: this.buffer.split('\n').filter((l) => l !== '').length,
			rewrite: existed
		});
		return null;
	}

	getAttr(name: string): PyValue | undefined {
		switch (name) {
			case 'write':
				return new PyBuiltin(name, (a) => {
					if (this.closed) throw raise('ValueError', 'I/O operation on closed file.');
					const s = a[0] ?? null;
					if (typeof s !== 'string')
						throw raise('TypeError', `write() argument must be str, not ${str(s)}`);
					this.buffer += s;
					return s.length;
				});
			case 'close':
			case '__exit__':
				return new PyBuiltin(name, () => this.close());
			case '__enter__':
				return new PyBuiltin(name, () => this);
		}
		return undefined;
	}
}

/** The `open` builtin and the `os` module bound to one simulated file system. */
export function fileSystemBindings(fs: SimulatedFs): { open: PyBuiltin; os: PyModule } {
	const open = new PyBuiltin('open', (a, kw) => {
		const path = str0(a[0]);
		const mode = str0(a[1] ?? kw.get('mode') ?? 'r');
		if (mode.startsWith('r')) {
			if (!fs.files.has(path))
				throw raise('FileNotFoundError', `[Errno 2] No such file or directory: '${path}'`);
			throw raise('NotSupported', 'reading files back (open in "r" mode)');
		}
		if (!/^[wa]t?$/.test(mode)) throw raise('NotSupported', `open() mode '${mode}'`);
		return new FileHost(fs, path, mode);
	});
	const join = new PyBuiltin('join', (a) =>
		a
			.map(str0)
			.reduce(
				(acc, p) =>
					p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : `${acc}/${p}`,
				''
			)
	);
	const path = new PyModule(
		'os.path',
		new Map<string, PyValue>([
			['join', join],
			[
				'exists',
				new PyBuiltin('exists', (a) =>
					[...fs.files.keys()].some((f) => f === str0(a[0]) || f.startsWith(`${str0(a[0])}/`))
				)
			],
			['basename', new PyBuiltin('basename', (a) => str0(a[0]).split('/').pop() ?? '')]
		])
	);
	const os = new PyModule(
		'os',
		new Map<string, PyValue>([
			['makedirs', new PyBuiltin('makedirs', () => null)],
			['path', path],
			['sep', '/']
		])
	);
	return { open, os };
}
