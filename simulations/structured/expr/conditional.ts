/**
 * IN and CASE WHEN over compiled operands. Spark's In: a NULL subject gives NULL, a match true,
 * no match with a NULL in the list NULL, else false. CaseWhen: the first branch whose condition
 * is TRUE (NULL counts as not true); all values meet at one type (TypeCoercion's CaseWhenCoercion).
 */
import { ok, type Result } from '../../core/errors';
import type { DataType, Pos } from './ast';
import { valuesEqual } from './compare';
import { compiled, typeMismatch, type Compiled, type Eval } from './context';
import { coerce } from './ops';
import { BOOLEAN, commonType, sqlTypeName } from './types';

/** One type for all `parts`, or DATA_DIFF_TYPES naming `fn`. */
function meetAll(parts: readonly Compiled[], fn: string, name: string, at: Pos): Result<DataType> {
	let t: DataType = { kind: 'null' };
	for (const p of parts) {
		const next = commonType(t, p.type);
		if (next === null) {
			const types = parts.map((x) => `"${sqlTypeName(x.type)}"`).join(', ');
			const detail = `Input to \`${fn}\` should all be the same type, but it's [${types}].`;
			return typeMismatch(at, 'DATA_DIFF_TYPES', name, detail);
		}
		t = next;
	}
	return ok(t);
}

export function compileIn(
	subject: Compiled,
	list: readonly Compiled[],
	name: string,
	at: Pos
): Result<Compiled> {
	const t = meetAll([subject, ...list], 'in', name, at);
	if (!t.ok) return t;
	const s = coerce(subject, t.value).eval;
	const items = list.map((p) => coerce(p, t.value).eval);
	return ok(
		compiled(BOOLEAN, name, true, (row) => {
			const v = s(row);
			if (v === null) return null;
			let sawNull = false;
			for (const x of items) {
				const w = x(row);
				if (w === null) sawNull = true;
				else if (valuesEqual(v, w)) return true;
			}
			return sawNull ? null : false;
		})
	);
}

export function compileCase(
	conditions: readonly Compiled[],
	values: readonly Compiled[],
	otherwise: Compiled | null,
	name: string,
	at: Pos
): Result<Compiled> {
	for (const c of conditions) {
		if (c.type.kind !== 'boolean' && c.type.kind !== 'null') {
			const found = `"${c.name}" has the type "${sqlTypeName(c.type)}"`;
			const detail = `The WHEN expressions must be of the type "BOOLEAN", however ${found}.`;
			return typeMismatch(at, 'UNEXPECTED_INPUT_TYPE', name, detail);
		}
	}
	const all = otherwise === null ? values : [...values, otherwise];
	const t = meetAll(all, 'casewhen', name, at);
	if (!t.ok) return t;
	const conds = conditions.map((c) => c.eval);
	const evals = values.map((v) => coerce(v, t.value).eval);
	const other: Eval = otherwise === null ? () => null : coerce(otherwise, t.value).eval;
	return ok(
		compiled(t.value, name, true, (row) => {
			for (let i = 0; i < conds.length; i++) {
				if ((conds[i] as Eval)(row) === true) return (evals[i] as Eval)(row);
			}
			return other(row);
		})
	);
}
