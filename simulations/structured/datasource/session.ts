/**
 * The SparkSession a data source program talks to: `SparkSession.builder...getOrCreate()`,
 * `spark.dataSource.register(cls)`, `spark.readStream.format(name).option(...).load()` and
 * `df.writeStream.format(name)...trigger(processingTime=...).start()`. It records what the
 * program asked for (the registered classes, the source's and sink's names and options, the
 * trigger), which the protocol driver then runs; anything else is a located message.
 */
import { PyException, type Span } from '../../python/errors';
import { str } from '../../python/format';
import { PyBuiltin, PyDict, PyHost, PyModule, type PyValue } from '../../python/values';
import { PyClass } from '../../python/classes';
import { parseDurationUs } from '../expr/duration';

export interface StreamSpec {
	readonly format: string;
	readonly options: Readonly<Record<string, string>>;
	/** Offset in the program where `load()` / `start()` is written. */
	readonly at: number;
}

export interface StartedSpec {
	readonly source: StreamSpec;
	readonly sink: StreamSpec;
	readonly outputMode: string;
	readonly intervalMs: number;
}

/** What the program registered and started. */
export class SessionRecord {
	readonly sources = new Map<string, PyClass>();
	started: StartedSpec | null = null;
	/** Where a call the simulation does not model is written, and what it was. */
	refused: { at: number; message: string } | null = null;
}

const unsupported = (what: string, supported: string): never => {
	throw new PyException(
		'NotImplementedError',
		`${what} is not simulated on this page (${supported})`
	);
};

const optionText = (v: PyValue): string => (v === true ? 'true' : v === false ? 'false' : str(v));

/** A builder-style object: each method returns the next object. */
class Chain extends PyHost {
	constructor(
		readonly typeName: string,
		private readonly methods: Readonly<
			Record<
				string,
				(args: readonly PyValue[], kw: ReadonlyMap<string, PyValue>, at: number) => PyValue
			>
		>,
		private readonly supported: string
	) {
		super();
	}
	getAttr(name: string, at?: Span): PyValue | undefined {
		const m = this.methods[name];
		if (m) return new PyBuiltin(name, (args, kw) => m(args, kw, at?.from ?? 0));
		return unsupported(`\`${this.typeName}.${name}\``, `supported: ${this.supported}`);
	}
}

interface ChainState {
	format: string;
	options: Record<string, string>;
}

function optionMethods(s: ChainState, self: () => PyValue) {
	return {
		format: (a: readonly PyValue[]) => ((s.format = str(a[0] ?? '')), self()),
		option: (a: readonly PyValue[]) => (
			(s.options[str(a[0] ?? '')] = optionText(a[1] ?? null)),
			self()
		),
		options: (_a: readonly PyValue[], kw: ReadonlyMap<string, PyValue>) => {
			for (const [k, v] of kw) s.options[k] = optionText(v);
			return self();
		}
	};
}

function writer(rec: SessionRecord, source: StreamSpec): PyValue {
	const s: ChainState = { format: '', options: {} };
	let outputMode = 'append';
	let intervalMs = 0;
	const self: PyValue = new Chain(
		'DataStreamWriter',
		{
			...optionMethods(s, () => self),
			outputMode: (a) => ((outputMode = str(a[0] ?? 'append')), self),
			queryName: () => self,
			trigger: (_a, kw) => {
				const p = kw.get('processingTime');
				if (typeof p !== 'string')
					return unsupported('this trigger', 'use trigger(processingTime="2 seconds")');
				const us = parseDurationUs(p);
				if (!us.ok) throw new PyException('IllegalArgumentException', us.error);
				intervalMs = Math.round(us.value / 1000);
				return self;
			},
			start: (_a, _kw, at) => {
				if (rec.started)
					return unsupported('a second query', 'the page runs one writeStream ... start()');
				rec.started = { source, sink: { ...s, at }, outputMode, intervalMs };
				return query;
			}
		},
		'format, option, options, outputMode, queryName, trigger, start'
	);
	return self;
}

const query = new Chain(
	'StreamingQuery',
	{ awaitTermination: () => null, stop: () => null, processAllAvailable: () => null },
	'awaitTermination, stop, processAllAvailable'
);

/** The streaming DataFrame `load()` returns: this page writes it straight to a sink. */
class StreamFrame extends PyHost {
	readonly typeName = 'DataFrame';
	constructor(
		private readonly rec: SessionRecord,
		private readonly spec: StreamSpec
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		if (name === 'writeStream') return writer(this.rec, this.spec);
		if (name === 'isStreaming') return true;
		return unsupported(
			`\`DataFrame.${name}\``,
			'this page writes the custom source straight to a sink: spark.readStream.format(name).load().writeStream...'
		);
	}
}

function readStream(rec: SessionRecord): PyValue {
	const s: ChainState = { format: '', options: {} };
	const self: PyValue = new Chain(
		'DataStreamReader',
		{
			...optionMethods(s, () => self),
			load: (_a, _kw, at) => new StreamFrame(rec, { ...s, at })
		},
		'format, option, options, load'
	);
	return self;
}

/** `spark`, and the `pyspark.sql` module whose SparkSession.builder returns it. */
export function sparkSession(rec: SessionRecord): { spark: PyValue; sql: PyModule } {
	const register = new PyBuiltin('register', ([cls]) => {
		if (!(cls instanceof PyClass))
			throw new PyException('TypeError', 'spark.dataSource.register() expects a DataSource class');
		const nameFn = cls.getAttr('name');
		const name = nameFn instanceof PyBuiltin ? nameFn.fn([], new Map(), () => null) : cls.name;
		rec.sources.set(str(name ?? cls.name), cls);
		return null;
	});
	const session = new (class extends PyHost {
		readonly typeName = 'SparkSession';
		getAttr(name: string): PyValue | undefined {
			if (name === 'dataSource')
				return new PyModule('dataSource', new Map([['register', register]]));
			if (name === 'readStream') return readStream(rec);
			if (name === 'conf')
				return new PyModule('conf', new Map([['set', new PyBuiltin('set', () => null)]]));
			if (name === 'stop') return new PyBuiltin('stop', () => null);
			return unsupported(
				`\`spark.${name}\``,
				'supported: spark.dataSource.register, spark.readStream, spark.conf.set'
			);
		}
	})();
	const builder: PyValue = new Chain(
		'Builder',
		{
			appName: () => builder,
			master: () => builder,
			config: () => builder,
			getOrCreate: () => session
		},
		'appName, master, config, getOrCreate'
	);
	const row = new PyBuiltin('Row', (args) => args[0] ?? null);
	const sql = new PyModule(
		'pyspark.sql',
		new Map<string, PyValue>([
			['SparkSession', new PyModule('SparkSession', new Map([['builder', builder]]))],
			['Row', row]
		])
	);
	return { spark: session, sql };
}

export const optionsDict = (options: Readonly<Record<string, string>>): PyDict => {
	const d = new PyDict();
	for (const [k, v] of Object.entries(options)) d.entries.set(`s${k}`, [k, v]);
	return d;
};
