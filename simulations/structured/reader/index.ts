/**
 * The PySpark reader: a program's text → the streaming Query it starts (logical plan, sink
 * chain, session conf). The program runs on the Python interpreter (`simulations/python`) with
 * PySpark host bindings (host.ts), so a user's `def` runs; names in `bindings` are pre-bound
 * streaming DataFrames, as the conformance scenarios and the pages provide them. It never
 * throws: every failure, an internal one included, is a located error.
 */
import type { BatchWriteTarget } from './batch-writer';
import type { SyntaxNode } from '@lezer/common';
import { parseWithLimits } from '../../python/nesting';
import { userMessage, type Result, type SourceError } from '../../core/errors';
import { BUILTINS as PY_BUILTINS, OPERATOR_MODULE } from '../../python/builtins';
import { PyException, toSourceError } from '../../python/errors';
import { str } from '../../python/format';
import { Scope } from '../../python/expressions';
import { DEFAULT_MAX_STEPS } from '../../python/index';
import { Interpreter, type AssertHook } from '../../python/interpreter';
import { PyBuiltin, PyModule, type PyValue } from '../../python/values';
import type { PyValue as ReaderValue } from './values';
import { analyze } from '../analyzer/index';
import type { AnalysisError, AnalyzedQuery } from '../analyzer/types';
import { AnalysisFailure } from '../analyzer/failure';
import { Resolver } from '../analyzer/resolve';
import type { StructField } from '../expr/ast';
import type { Query } from '../plan';
import { LineIndex, ReadFailure } from './errors';
import { CarriedFailure, toPy } from './host';
import { runScript } from './script';
import { ReaderSession } from './session';
import type { LiveHost, ReaderState } from './state';

export { F_NAMES } from './functions';
export { parseDdlSchema, parseTypeText } from './sparktypes';

function firstSyntaxError(top: SyntaxNode): SyntaxNode | null {
	let found: SyntaxNode | null = null;
	const cursor = top.cursor();
	do {
		if (cursor.type.isError) {
			found = cursor.node;
			break;
		}
	} while (cursor.next());
	return found;
}

const located = (code: string, e: unknown): SourceError => {
	if (e instanceof CarriedFailure) return located(code, e.original);
	if (e instanceof ReadFailure || e instanceof AnalysisFailure)
		return {
			line: Math.max(1, e.at.line),
			column: Math.max(1, e.at.column),
			message: e.message,
			...(e.supported ? { supported: e.supported } : {})
		};
	if (e instanceof PyException) {
		const err = toSourceError(code, e);
		// The reader has always said this one in PySpark's traceback words, without the class.
		return e.pyType === 'NameError' ? { ...err, message: e.message } : err;
	}
	return {
		line: 1,
		column: 1,
		message: userMessage(e)
	};
};

/** The interpreter a program runs on: Python's builtins (print writes to the host's stdout, or
 *  nowhere: a streaming program's prints are not the simulation's output) and the `operator`
 *  module. */
function interpreterFor(code: string, s: ReaderSession, env: ProgramEnv): Interpreter {
	const builtins = new Map(PY_BUILTINS);
	builtins.set(
		'print',
		new PyBuiltin('print', (args, kwargs) => {
			const stdout = env.stdout;
			if (!stdout) return null;
			const sep = kwargs.get('sep');
			const end = kwargs.get('end');
			const text =
				args.map(str).join(typeof sep === 'string' ? sep : ' ') +
				(typeof end === 'string' ? end : '\n');
			for (const line of text.replace(/\n$/, '').split('\n')) stdout.push(line);
			return null;
		})
	);
	for (const [name, v] of env.builtins ?? []) builtins.set(name, v);
	const interp = new Interpreter(
		code,
		builtins,
		new Map<string, PyModule>([['operator', OPERATOR_MODULE], ...(env.modules ?? [])]),
		DEFAULT_MAX_STEPS,
		s.callSpans
	);
	if (env.onAssert) interp.onAssert = env.onAssert;
	return interp;
}

/** What a host (the conformance runner, a page) adds to a program's run and gets back: which
 *  query of a program that starts several to return, extra module-level names (`recorded`), and
 *  after the read, a way to set globals (`setGlobal`) and to hand Python a reader value (the
 *  DataFrame a foreachBatch function receives). */
export interface ProgramEnv extends BatchWriteTarget {
	/** Read a program that starts several queries and return this one (0-based); without it a
	 *  second start() is refused, since the pages run one query per program. */
	readonly query?: number;
	readonly globals?: ReadonlyMap<string, PyValue>;
	setGlobal?: (name: string, value: PyValue) => void;
	toPython?: (v: ReaderValue) => PyValue;
	/** Where print() writes at the moment (a host sets it around a listener's callback). */
	stdout?: string[];
	/** After the read: the StreamingQueryListener objects the program registered, in order. */
	listeners?: readonly PyValue[];
	/** Runs the queries the program starts as it goes (a test bench); see LiveHost. */
	readonly live?: LiveHost;
	/** Python modules and builtins the host adds (a test bench's os, json, tempfile, open). */
	readonly modules?: ReadonlyMap<string, PyModule>;
	readonly builtins?: ReadonlyMap<string, PyValue>;
	/** Called after the module level ran, with its globals (a test bench calls test_* here);
	 *  what it throws is located like any failure of the program. */
	readonly afterScript?: (globals: ReadonlyMap<string, PyValue>) => void;
	/** Every assert the program runs: `assert a == b` with both sides, as pytest reports it. */
	readonly onAssert?: AssertHook;
	/** Set by the read: the lines of the calls being evaluated, outermost first. */
	callLines?: () => readonly number[];
}

export function readProgram(
	code: string,
	bindings: Readonly<Record<string, readonly StructField[]>>,
	env: ProgramEnv = {}
): Result<Query> {
	const lines = new LineIndex(code);
	try {
		// Python's nesting limits before lezer parses (its tree building overflows the stack).
		const parsed = parseWithLimits(code);
		if ('error' in parsed) {
			const e = parsed.error;
			return {
				ok: false,
				error: { ...lines.pos(e.span?.from ?? 0), message: `${e.pyType}: ${e.message}` }
			};
		}
		const tree = parsed.tree;
		const bad = firstSyntaxError(tree.topNode);
		if (bad) {
			const at = lines.pos(bad.from);
			const atEnd = bad.from >= code.trimEnd().length;
			return {
				ok: false,
				error: {
					...at,
					message: atEnd
						? 'Python syntax error: unexpected end of program'
						: 'Python syntax error: invalid syntax'
				}
			};
		}
		const state: ReaderState = {
			conf: {},
			queries: [],
			resolver: new Resolver(),
			bindings,
			nextSourceId: 0,
			spans: [],
			manyQueries: env.query !== undefined,
			text: code,
			// The host sets onBatchWrite before it calls a foreachBatch function.
			batchWrites: env,
			listeners: [],
			...(env.live ? { live: env.live } : {}),
			...(env.modules ? { modules: env.modules } : {})
		};
		const session = new ReaderSession(code, tree, state);
		const globals = new Scope(null);
		globals.vars.set('spark', toPy({ t: 'module', name: 'spark' }, session));
		for (const [name, schema] of Object.entries(bindings))
			globals.vars.set(
				name,
				toPy(
					{
						t: 'df',
						plan: {
							op: 'Source',
							id: state.nextSourceId++,
							source: { kind: 'bound', name },
							schema,
							streaming: true,
							at: { line: 1, column: 1 }
						}
					},
					session
				)
			);
		for (const [name, v] of env.globals ?? []) globals.vars.set(name, v);
		env.setGlobal = (name, v) => globals.vars.set(name, v);
		env.toPython = (v) => toPy(v, session);
		env.callLines = () => session.callSpans.map((c) => lines.pos(c.from).line);
		runScript(session, interpreterFor(code, session, env), globals, tree.topNode);
		env.afterScript?.(globals.vars);
		env.listeners = (state.listeners ?? []) as PyValue[];
		const started = state.queries[env.query ?? 0];
		if (!started) {
			const end = lines.pos(Math.max(0, code.trimEnd().length - 1));
			return {
				ok: false,
				error: {
					...end,
					message: 'the program starts no streaming query',
					supported: 'End the program with a `df.writeStream ... .start()` chain.'
				}
			};
		}
		return {
			ok: true,
			value: { ...started.query, spans: state.spans, queryCount: state.queries.length }
		};
	} catch (e) {
		return { ok: false, error: located(code, e) };
	}
}

/** Program text → the analyzed query the executor runs, or the first located error (a reader
 *  error or Spark's analysis error): what the editor marks and the page runs. */
export function readAndAnalyze(
	code: string,
	bindings: Readonly<Record<string, readonly StructField[]>>
): Result<AnalyzedQuery, SourceError | AnalysisError> {
	const q = readProgram(code, bindings);
	return q.ok ? analyze(q.value) : q;
}
