/**
 * Expr → Compiled: columns resolved to row positions once, types checked as Catalyst's analyzer
 * does (Spark's DATATYPE_MISMATCH / UNRESOLVED_COLUMN wording), then a tree of closures that
 * evaluates a positional row with Spark SQL semantics (NULL propagation, three-valued logic,
 * ANSI casts). Names come out as Spark names unaliased columns (toPrettySQL, see names.ts).
 */
import { err, ok, type Result } from '../../core/errors';
import type { DataType, Expr, Pos, PythonUdf, StructField, Value } from './ast';
import { castFunction } from './cast';
import { compileCase, compileIn } from './conditional';
import { compiled, errAt, NO_POS, typeMismatch, type Compiled } from './context';
import { compileCall } from './functions';
import { outputName, outputNameWith } from './names';
import { compileBinary } from './ops';
import { hasQualifier, nameParts, resolveColumn } from './resolve';
import { ExprRuntimeError } from './runtime-error';
import { BOOLEAN, isNumeric, sqlTypeName } from './types';
import { compileSessionWindow, compileWindow, compileWindowTime } from './windows';

export type { Compiled };

type Node<K extends Expr['kind']> = Expr & { kind: K };

const STAR_MESSAGE =
	"[INVALID_USAGE_OF_STAR_OR_REGEX] Invalid usage of '*' in expression. `*` expands to all " +
	'columns only directly in select(...) / selectExpr(...) or inside count(*).';

class Compiler {
	/** The name each compiled sub-expression got, so parents print resolved names. */
	private readonly names = new Map<Expr, string>();

	constructor(private readonly schema: readonly StructField[]) {}

	nameOf(e: Expr): string {
		return outputNameWith(e, (c) => this.names.get(c) ?? outputName(c));
	}

	compile = (e: Expr, outer: Pos): Result<Compiled> => {
		const r = this.node(e, e.at ?? outer);
		if (r.ok) this.names.set(e, r.value.name);
		return r;
	};

	private all(es: readonly Expr[], at: Pos): Result<Compiled[]> {
		const out: Compiled[] = [];
		for (const x of es) {
			const c = this.compile(x, at);
			if (!c.ok) return c;
			out.push(c.value);
		}
		return ok(out);
	}

	private column(name: string, qualifier: string | undefined, at: Pos): Result<Compiled> {
		const r = resolveColumn(name, qualifier, this.schema);
		if (!r.ok) return errAt(at, r.error);
		const i = r.value.index;
		return ok(compiled(r.value.field.type, r.value.field.name, true, (row) => row[i] ?? null));
	}

	private node(e: Expr, at: Pos): Result<Compiled> {
		switch (e.kind) {
			case 'col':
				return this.col(e, at);
			case 'star':
				return errAt(at, STAR_MESSAGE);
			case 'lit': {
				const v = e.value;
				return ok(compiled(e.type, this.nameOf(e), v === null, () => v));
			}
			case 'alias': {
				const c = this.compile(e.expr, at);
				return c.ok ? ok({ ...c.value, name: e.name }) : c;
			}
			case 'cast':
				return this.cast(e, at);
			case 'binary': {
				const parts = this.all([e.left, e.right], at);
				if (!parts.ok) return parts;
				const [l, r] = parts.value as [Compiled, Compiled];
				return compileBinary(e.op, l, r, this.nameOf(e), at);
			}
			case 'unary':
				return this.unary(e, at);
			case 'in': {
				const parts = this.all([e.expr, ...e.list], at);
				if (!parts.ok) return parts;
				const [subject, ...list] = parts.value as [Compiled, ...Compiled[]];
				return compileIn(subject, list, this.nameOf(e), at);
			}
			case 'case':
				return this.caseWhen(e, at);
			case 'field':
				return this.field(e, at);
			case 'call':
				return this.call(e, at);
			case 'window': {
				const t = this.compile(e.time, at);
				return t.ok ? compileWindow(e, this.compile, at, this.nameOf(e)) : t;
			}
			case 'session_window': {
				const parts = this.all([e.time, e.gap], at);
				return parts.ok ? compileSessionWindow(e, this.compile, at, this.nameOf(e)) : parts;
			}
			case 'agg':
				return this.aggregateResult(e, at);
		}
	}

	/** F.col("window.start") is a multi-part name (UnresolvedAttribute.quotedString): dots
	 *  split, backquotes protect. A column whose own name holds a dot (an unaliased
	 *  `window.start` output the engine's plans reference by name) resolves first. */
	private col(e: Node<'col'>, at: Pos): Result<Compiled> {
		const exact = this.column(e.name, e.qualifier, at);
		if (exact.ok || !(e.name.includes('.') || e.name.includes('`'))) return exact;
		const parts = nameParts(e.name);
		const [head, ...rest] = parts ?? [];
		if (head === undefined) return exact;
		if (rest.length === 0) return this.column(head, e.qualifier, at);
		const q = e.qualifier === undefined ? {} : { qualifier: e.qualifier };
		const base: Expr = { kind: 'col', name: head, ...q, at };
		const path = rest.reduce<Expr>((x, f) => ({ kind: 'field', expr: x, field: f, at }), base);
		return this.compile(path, at);
	}

	private cast(e: Node<'cast'>, at: Pos): Result<Compiled> {
		const c = this.compile(e.expr, at);
		if (!c.ok) return c;
		const name = this.nameOf(e);
		const f = castFunction(c.value.type, e.to);
		if (!f.ok) {
			const [sub = 'CAST_WITHOUT_SUGGESTION', detail = f.error] = f.error.split('|');
			return typeMismatch(at, sub, name, detail);
		}
		const conv = f.value;
		const inner = c.value.eval;
		return ok(
			compiled(e.to, name, c.value.nullable, (row) => {
				const v = inner(row);
				return v === null ? null : conv(v);
			})
		);
	}

	private unary(e: Node<'unary'>, at: Pos): Result<Compiled> {
		const c = this.compile(e.expr, at);
		if (!c.ok) return c;
		const name = this.nameOf(e);
		const inner = c.value.eval;
		const t = c.value.type;
		const wrong = (requires: string): Result<never> => {
			const found = `"${c.value.name}" has the type "${sqlTypeName(t)}"`;
			const detail = `The first parameter requires the ${requires} type, however ${found}.`;
			return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', name, detail);
		};
		switch (e.op) {
			case 'NOT':
				if (t.kind !== 'boolean' && t.kind !== 'null') return wrong('"BOOLEAN"');
				return ok(
					compiled(BOOLEAN, name, c.value.nullable, (row) => {
						const v = inner(row);
						return v === null ? null : !v;
					})
				);
			case 'NEGATE':
				if (!isNumeric(t) && t.kind !== 'interval' && t.kind !== 'null') {
					return wrong('("NUMERIC" or "INTERVAL")');
				}
				return ok(
					compiled(t, name, c.value.nullable, (row) => {
						const v = inner(row);
						return v === null ? null : -(v as number);
					})
				);
			case 'IS_NULL':
				return ok(compiled(BOOLEAN, name, false, (row) => inner(row) === null));
			case 'IS_NOT_NULL':
				return ok(compiled(BOOLEAN, name, false, (row) => inner(row) !== null));
		}
	}

	private caseWhen(e: Node<'case'>, at: Pos): Result<Compiled> {
		const conds = this.all(
			e.branches.map(([c]) => c),
			at
		);
		if (!conds.ok) return conds;
		const values = this.all(
			e.branches.map(([, v]) => v),
			at
		);
		if (!values.ok) return values;
		let otherwise: Compiled | null = null;
		if (e.otherwise !== null) {
			const o = this.compile(e.otherwise, at);
			if (!o.ok) return o;
			otherwise = o.value;
		}
		return compileCase(conds.value, values.value, otherwise, this.nameOf(e), at);
	}

	private field(e: Node<'field'>, at: Pos): Result<Compiled> {
		// `a.b`: Catalyst tries `a` as a qualifier before `a` as a struct column.
		const base = e.expr;
		if (base.kind === 'col' && base.qualifier === undefined) {
			const qualified = hasQualifier(base.name, this.schema);
			if (qualified && resolveColumn(e.field, base.name, this.schema).ok) {
				return this.column(e.field, base.name, at);
			}
		}
		const c = this.compile(base, at);
		if (!c.ok) return c;
		const t = c.value.type;
		if (t.kind !== 'struct') {
			const got = `Need a complex type [STRUCT, ARRAY, MAP] but got "${sqlTypeName(t)}".`;
			const head = `[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from "${c.value.name}".`;
			return errAt(at, `${head} ${got}`);
		}
		const f = t.fields.find((x) => x.name.toLowerCase() === e.field.toLowerCase());
		if (f === undefined) {
			const fields = t.fields.map((x) => `\`${x.name}\``).join(', ');
			return errAt(at, `[FIELD_NOT_FOUND] No such struct field \`${e.field}\` in ${fields}.`);
		}
		const inner = c.value.eval;
		const key = f.name;
		return ok(
			compiled(f.type, `${c.value.name}.${f.name}`, true, (row) => {
				const v = inner(row) as { readonly [k: string]: Value } | null;
				return v === null ? null : (v[key] ?? null);
			})
		);
	}

	private call(e: Node<'call'>, at: Pos): Result<Compiled> {
		const first = e.args[0];
		if (e.fn === 'try_cast' && e.args.length === 1 && first?.kind === 'cast') {
			const c = this.compile(first, at);
			if (!c.ok) return c;
			const inner = c.value.eval;
			// try_cast: the ANSI cast, with its runtime errors turned into NULL.
			return ok(
				compiled(c.value.type, this.nameOf(e), true, (row) => {
					try {
						return inner(row);
					} catch (x) {
						if (x instanceof ExprRuntimeError) return null;
						throw x;
					}
				})
			);
		}
		const args = this.all(e.args, at);
		if (!args.ok) return args;
		const name = this.nameOf(e);
		const udf = e.udf;
		if (udf) {
			const cs = args.value;
			const types = cs.map((c) => c.type);
			const refused = udf.refuse?.(types);
			if (refused) return errAt(at, refused);
			if (udf.batch) return ok(vectorized(udf.batch, cs, types, name, udf.returnType));
			return ok(
				compiled(udf.returnType, name, true, (row) =>
					udf.call(
						cs.map((c) => c.eval(row)),
						types
					)
				)
			);
		}
		if (e.fn === 'window_time') {
			const [w] = args.value;
			if (w === undefined || args.value.length !== 1) {
				const n = args.value.length;
				const head = '[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `window_time` requires 1 parameters';
				return errAt(at, `${head} but the actual number is ${n}.`);
			}
			return compileWindowTime(w, at, name);
		}
		return compileCall(e.fn, args.value, e.args, name, at);
	}

	/** An aggregate in an output expression refers to the value the aggregation computed, a
	 *  column named as the aggregate in the post-aggregation row (Catalyst's aggregate
	 *  attributes); anywhere else it is an error. */
	private aggregateResult(e: Node<'agg'>, at: Pos): Result<Compiled> {
		const name = outputName(e);
		if (resolveColumn(name, undefined, this.schema).ok) return this.column(name, undefined, at);
		const where = 'is only allowed in groupBy(...).agg(...) or agg(...)';
		return errAt(at, `Aggregate function \`${name}\` ${where}; it cannot be evaluated on one row.`);
	}
}

export function compileExpr(expr: Expr, schema: readonly StructField[]): Result<Compiled> {
	try {
		return new Compiler(schema).compile(expr, expr.at ?? NO_POS);
	} catch (x) {
		if (!(x instanceof RangeError)) throw x;
		const at = expr.at ?? NO_POS;
		const message = 'The expression is nested too deeply to compile.';
		return err({ line: at.line, column: at.column, message });
	}
}

/**
 * A pandas UDF's column: ArrowEvalPythonExec sends the operator's rows in Arrow batches of at
 * most maxRecords rows and calls the function once per batch with whole columns. `prepare`
 * runs those calls for the rows the operator is about to project; `eval` then reads a row's
 * result. A row the operator did not prepare (a pandas UDF nested where no projection hands
 * over its batch) is sent as a batch of its own: the same value, one call.
 */
function vectorized(
	batch: NonNullable<PythonUdf['batch']>,
	cs: readonly Compiled[],
	types: readonly DataType[],
	name: string,
	returnType: DataType
): Compiled {
	let results = new Map<readonly Value[], Value>();
	const run = (rows: readonly (readonly Value[])[]): Value[] => {
		const out: Value[] = [];
		const size = Math.max(1, batch.maxRecords);
		for (let from = 0; from < rows.length; from += size) {
			const chunk = rows.slice(from, from + size);
			const columns = cs.map((c) => chunk.map((r) => c.eval(r)));
			out.push(...batch.call(columns, types));
		}
		return out;
	};
	return {
		type: returnType,
		name,
		nullable: true,
		prepare(rows) {
			const values = run(rows);
			results = new Map(rows.map((r, i) => [r, values[i] ?? null]));
		},
		eval(row) {
			return results.has(row) ? (results.get(row) as Value) : (run([row])[0] ?? null);
		}
	};
}
