/**
 * PySpark host bindings for the Python interpreter: every value the reader models (a Column, a
 * DataFrame, GroupedData, the session and its readers and writers, pyspark modules and
 * functions) enters Python as a ReaderHost, so a user's `def` or `lambda` can take and return
 * them. Attribute reads, method calls, operators and subscripts route to the reader's dispatch
 * (the same functions, so the same Spark wording and positions); Python constants cross as
 * Python constants. Reader failures travel through the interpreter as a CarriedFailure and come
 * out of readProgram unchanged.
 */
import { PyException } from '../../python/errors';
import type { Span } from '../../python/errors';
import {
	PyBuiltin,
	PyDict,
	PyFloat,
	PyFunction,
	PyHost,
	PyIterable,
	PyTuple,
	pyKey,
	typeName,
	type PyValue as Py
} from '../../python/values';
import { callMethod, callValue, getAttr, subscript } from './dispatch';
import { binaryOp, unaryOp } from './operators';
import { applyUdf } from './udf';
import { makeUdf } from './udf-forms';
import { fail } from './errors';
import type { ReaderSession } from './session';
import { describe, NONE, type PyValue } from './values';

/** A reader or analyzer failure (or any engine error) crossing the interpreter untouched. */
export class CarriedFailure extends PyException {
	constructor(readonly original: unknown) {
		super('InternalError', original instanceof Error ? original.message : String(original));
	}
}

/** Runs reader code on the interpreter's behalf: its failures cross the interpreter as-is. */
function carry<T>(f: () => T): T {
	try {
		return f();
	} catch (e) {
		if (e instanceof PyException) throw e;
		throw new CarriedFailure(e);
	}
}

export class ReaderHost extends PyHost {
	constructor(
		readonly v: PyValue,
		private readonly s: ReaderSession
	) {
		super();
	}

	get typeName(): string {
		return describe(this.v);
	}

	getAttr(name: string, at?: Span): Py | undefined {
		const s = this.s;
		if (name === '__call__') {
			const v = this.v;
			if (v.t === 'udf')
				return new PyBuiltin(v.name, (a, kw) =>
					carry(() => toPy(applyUdf(v, s.args(a.map(fromPy), mapKw(kw)), s.text, s.state.conf), s))
				);
			if (v.t === 'udfDecorator')
				return new PyBuiltin(v.api, (a, kw) =>
					carry(() => {
						const args = s.args(a.map(fromPy), mapKw(kw), v.api);
						const f = args.pos[0];
						if (!f || args.pos.length > 1 || args.kw.size > 0)
							return fail(args.at, `${v.api}: the decorator takes the one function below it`);
						return toPy(makeUdf(v, f), s);
					})
				);
			return v.t === 'fn'
				? new PyBuiltin(v.name, (a, kw) =>
						carry(() => toPy(callValue(v, s.args(a.map(fromPy), mapKw(kw))), s))
					)
				: undefined;
		}
		if (name.startsWith('__')) return undefined;
		if (s.isCallee(at))
			return new PyBuiltin(name, (a, kw) =>
				carry(() =>
					toPy(callMethod(s.state, this.v, name, s.args(a.map(fromPy), mapKw(kw), name)), s)
				)
			);
		return carry(() =>
			toPy(getAttr(s.state, this.v, name, at ? s.pos(at) : { line: 1, column: 1 }), s)
		);
	}

	binaryOp(op: string, other: Py, reflected: boolean, at: Span): Py | undefined {
		const n = this.s.nodeAt(at);
		const parts = n ? kidsOf(n) : [];
		const opNode = parts[1];
		const pos = (i: number) => this.s.pos(parts[i] ?? at);
		const me = { v: this.v, at: pos(reflected ? parts.length - 1 : 0) };
		const them = { v: fromPy(other), at: pos(reflected ? 0 : parts.length - 1) };
		const [l, r] = reflected ? [them, me] : [me, them];
		return carry(() => toPy(binaryOp(op, l, r, this.s.pos(opNode ?? at)), this.s));
	}

	unaryOp(op: string, at: Span): Py | undefined {
		const n = this.s.nodeAt(at);
		const operand = n ? kidsOf(n)[1] : undefined;
		return carry(() =>
			toPy(unaryOp(op, { v: this.v, at: this.s.pos(operand ?? at) }, this.s.pos(at)), this.s)
		);
	}

	getItem(key: Py, at: Span): Py | undefined {
		const n = this.s.nodeAt(at);
		const idx = n ? kidsOf(n)[2] : undefined;
		return carry(() =>
			toPy(
				subscript(
					this.s.state,
					this.v,
					{ v: fromPy(key), at: this.s.pos(idx ?? at) },
					this.s.pos(at)
				),
				this.s
			)
		);
	}
}

const kidsOf = (n: import('@lezer/common').SyntaxNode) => {
	const out = [];
	for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
	return out;
};

const mapKw = (kw: ReadonlyMap<string, Py>): Map<string, PyValue> =>
	new Map([...kw].map(([k, v]) => [k, fromPy(v)]));

const noRaise = (t: string, m: string) => new PyException(t, m);

/** A reader value as Python sees it. */
export function toPy(v: PyValue, s: ReaderSession): Py {
	switch (v.t) {
		case 'none':
			return null;
		case 'bool':
			return v.v;
		case 'num':
			return v.int ? v.v : new PyFloat(v.v);
		case 'str':
			return v.v;
		case 'list':
			return v.items.map((x) => toPy(x, s));
		case 'dict': {
			const d = new PyDict();
			for (const [k, x] of v.entries) {
				const key = toPy(k, s);
				d.entries.set(pyKey(key, noRaise), [key, toPy(x, s)]);
			}
			return d;
		}
		case 'def':
			return v.py ?? new ReaderHost(v, s);
		case 'py':
			return v.value as Py;
		default:
			return new ReaderHost(v, s);
	}
}

/** A Python value as the reader sees it. */
export function fromPy(v: Py): PyValue {
	if (v === null) return NONE;
	if (typeof v === 'boolean') return { t: 'bool', v };
	if (typeof v === 'number') return { t: 'num', v, int: true };
	if (typeof v === 'string') return { t: 'str', v };
	if (v instanceof PyFloat) return { t: 'num', v: v.v, int: false };
	if (Array.isArray(v)) return { t: 'list', items: v.map(fromPy) };
	if (v instanceof PyTuple || v instanceof PyIterable)
		return { t: 'list', items: v.items.map(fromPy) };
	if (v instanceof PyDict)
		return {
			t: 'dict',
			entries: [...v.entries.values()].map(([k, x]) => [fromPy(k), fromPy(x)] as const)
		};
	if (v instanceof ReaderHost) return v.v;
	if (v instanceof PyFunction) return { t: 'def', name: v.name, py: v };
	return { t: 'py', value: v, type: typeName(v) };
}
