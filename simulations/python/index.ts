/**
 * Public surface of the Python-subset evaluator. PySpark programs pass Python functions to the
 * engine; this module runs them without `eval`, and every failure (syntax, unsupported construct,
 * Python runtime error) comes back as a located SourceError value, never as a thrown exception.
 */
import type { Tree } from '@lezer/common';
import { err, ok } from '../core/errors';
import type { Result, SourceError } from '../core/errors';
import { BUILTINS, OPERATOR_MODULE } from './builtins';
import { PyException, asPyException, toSourceError } from './errors';
import type { Span } from './errors';
import { Scope, kids } from './expressions';
import { Interpreter } from './interpreter';
import { PyBuiltin } from './values';
import type { PyModule, PyValue } from './values';
import { str } from './format';
import { pushAll } from '../core/arrays';
import { RUN_LIMITS } from '../core/budget';
import { useMeter } from './meter';
import { parseWithLimits } from './nesting';

export * from './values';
export { repr, str, floatRepr } from './format';
export { PyException, toSourceError, asPyException } from './errors';
export type { Span } from './errors';
export { parseWithLimits } from './nesting';
export { Scope } from './expressions';
export { Interpreter } from './interpreter';

/** One run's Python budget: the program and every callback of every batch together. */
export const DEFAULT_MAX_STEPS = RUN_LIMITS.pythonSteps;

export interface PythonOptions {
	/** Names bound before the program runs (engine objects such as pre-bound streams). */
	readonly globals?: ReadonlyMap<string, PyValue>;
	/** Importable modules beyond `operator`; unknown modules import as placeholders that fail on use. */
	readonly modules?: ReadonlyMap<string, PyModule>;
	readonly maxSteps?: number;
	/** Receives the span of each call while it is evaluated (innermost last). */
	readonly callSpans?: Span[];
}

/** A program that ran: its globals, and a way to call the functions it defined. */
export class PythonSession {
	constructor(
		readonly src: string,
		readonly interp: Interpreter,
		readonly globals: Scope,
		/** Lines the program printed with print(), in order. */
		readonly stdout: string[] = []
	) {}

	get(name: string): PyValue | undefined {
		return this.globals.vars.get(name);
	}

	/** Calls a Python value on the run's step budget (not a fresh one: a run has one budget);
	 *  errors come back located. */
	call(fn: PyValue, args: readonly PyValue[]): Result<PyValue> {
		try {
			return ok(this.callRaw(fn, args));
		} catch (e) {
			return err(this.toError(e));
		}
	}

	/** The throwing form, for engine code that batches many calls inside one try. */
	callRaw(
		fn: PyValue,
		args: readonly PyValue[],
		at: { from: number; to: number } = { from: 0, to: 0 }
	): PyValue {
		useMeter(this.interp);
		return this.interp.callValue(fn, args, new Map(), at);
	}

	toError(e: unknown): SourceError {
		return toSourceError(this.src, asPyException(e));
	}
}

export function firstSyntaxError(src: string, tree: Tree): SourceError | undefined {
	let found: { from: number; to: number } | undefined;
	tree.iterate({
		enter: (n) => {
			if (found) return false;
			if (n.type.isError) found = { from: n.from, to: Math.max(n.to, n.from + 1) };
			return undefined;
		}
	});
	return found
		? toSourceError(src, new PyException('SyntaxError', 'invalid syntax', found))
		: undefined;
}

export function parsePython(src: string): Result<Tree> {
	// Nesting first: past lezer's own depth limit the tree has an error node that is only a
	// symptom ('invalid syntax' thousands of columns in), or parsing overflows the stack.
	const parsed = parseWithLimits(src);
	if ('error' in parsed) return err(toSourceError(src, parsed.error));
	const tree = parsed.tree;
	const e = firstSyntaxError(src, tree);
	return e ? err(e) : ok(tree);
}

function modulesWith(extra?: ReadonlyMap<string, PyModule>): Map<string, PyModule> {
	const m = new Map<string, PyModule>([['operator', OPERATOR_MODULE]]);
	for (const [k, v] of extra ?? []) m.set(k, v);
	return m;
}

/** Runs a whole program; returns the session, or the first error located in the source. */
export function runPython(src: string, options: PythonOptions = {}): Result<PythonSession> {
	const r = runPythonWithLast(src, options);
	return r.ok ? ok(r.value.session) : r;
}

function runPythonWithLast(
	src: string,
	options: PythonOptions
): Result<{ session: PythonSession; last: PyValue }> {
	try {
		const parsed = parsePython(src);
		if (!parsed.ok) return parsed;
		const stdout: string[] = [];
		const builtins = new Map(BUILTINS);
		builtins.set(
			'print',
			new PyBuiltin('print', (args, kwargs) => {
				const sep = kwargs.get('sep');
				const end = kwargs.get('end');
				const text =
					args.map(str).join(typeof sep === 'string' ? sep : ' ') +
					(typeof end === 'string' ? end : '\n');
				pushAll(stdout, text.replace(/\n$/, '').split('\n'));
				return null;
			})
		);
		const interp = new Interpreter(
			src,
			builtins,
			modulesWith(options.modules),
			options.maxSteps ?? DEFAULT_MAX_STEPS,
			options.callSpans
		);
		const globals = new Scope(null);
		for (const [k, v] of options.globals ?? []) globals.vars.set(k, v);
		const session = new PythonSession(src, interp, globals, stdout);
		const top = parsed.value.topNode;
		const stmts = kids(top);
		const last = stmts[stmts.length - 1];
		let lastValue: PyValue = null;
		try {
			interp.resetBudget();
			useMeter(interp);
			for (const s of stmts) {
				if (s === last && s.name === 'ExpressionStatement' && s.firstChild) {
					lastValue = interp.expressionValue(s, globals);
				} else {
					const flow = interp.execStatement(s, globals);
					if (flow) throw new PyException('SyntaxError', `'${flow.kind}' outside function`, s);
				}
			}
		} catch (e) {
			return err(session.toError(e));
		}
		return ok({ session, last: lastValue });
	} catch (e) {
		return err(toSourceError(src, asPyException(e)));
	}
}

/** Runs a program and returns the value of its last line when that line is an expression. */
export function evalPython(src: string, options: PythonOptions = {}): Result<PyValue> {
	const r = runPythonWithLast(src, options);
	return r.ok ? ok(r.value.last) : r;
}
