/**
 * Combining DataFrames: `join` (`on` = name(s), a Column condition or a list of Columns; `how`
 * normalised as Catalyst's JoinType does) and `unionByName` (the other side reordered by name,
 * missing columns as NULL when allowMissingColumns). `union` itself is positional.
 */
import type { Expr } from '../expr/ast';
import type { JoinType, Plan } from '../plan';
import { arg, boolOf, need, noMore, strOf, type Arg, type Args } from './args';
import { fail } from './errors';
import { findIndex, refTo } from './projection';
import type { ReaderState } from './state';
import { describe, type PyValue } from './values';

type DF = PyValue & { t: 'df' };
const df = (plan: Plan): DF => ({ t: 'df', plan });

const JOIN_TYPES: Readonly<Record<string, JoinType>> = {
	inner: 'inner',
	cross: 'cross',
	outer: 'full_outer',
	full: 'full_outer',
	fullouter: 'full_outer',
	full_outer: 'full_outer',
	left: 'left_outer',
	leftouter: 'left_outer',
	left_outer: 'left_outer',
	right: 'right_outer',
	rightouter: 'right_outer',
	right_outer: 'right_outer',
	semi: 'left_semi',
	leftsemi: 'left_semi',
	left_semi: 'left_semi',
	anti: 'left_anti',
	leftanti: 'left_anti',
	left_anti: 'left_anti'
};

function joinType(x: Arg | undefined): JoinType {
	if (!x || x.v.t === 'none') return 'inner';
	const s = strOf(x, 'how');
	return (
		JOIN_TYPES[
			s
				.toLowerCase()
				.replace(/_/g, '')
				.replace(/^(left|right|full)(outer|semi|anti)$/, '$1_$2')
		] ??
		JOIN_TYPES[s.toLowerCase()] ??
		fail(
			x.at,
			`[UNSUPPORTED_JOIN_TYPE] Unsupported join type '${s}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`
		)
	);
}

export function join(d: DF, a: Args): DF {
	noMore(a, 3, ['other', 'on', 'how']);
	const other = need(a, 0, 'other');
	if (other.v.t !== 'df')
		return fail(other.at, `join expects a DataFrame, got ${describe(other.v)}`);
	const on = arg(a, 1, 'on');
	const how = joinType(arg(a, 2, 'how'));
	let using: string[] = [];
	let condition: Expr | null = null;
	if (on && on.v.t !== 'none') {
		const items = on.v.t === 'list' ? on.v.items : [on.v];
		if (items.every((v) => v.t === 'str')) using = items.map((v) => (v.t === 'str' ? v.v : ''));
		else if (items.every((v) => v.t === 'column'))
			for (const v of items) {
				if (v.t !== 'column') continue;
				condition = condition
					? { kind: 'binary', op: 'AND', left: condition, right: v.expr, at: on.at }
					: v.expr;
			}
		else
			return fail(
				on.at,
				'join `on` must be a column name, a list of names, a Column condition or a list of Columns'
			);
	}
	return df({
		op: 'Join',
		left: d.plan,
		right: other.v.plan,
		joinType: how,
		using,
		condition,
		at: a.at
	});
}

export function unionByName(st: ReaderState, d: DF, a: Args): DF {
	const other = need(a, 0, 'other');
	if (other.v.t !== 'df')
		return fail(other.at, `unionByName expects a DataFrame, got ${describe(other.v)}`);
	const allow = arg(a, 1, 'allowMissingColumns');
	const allowMissing = allow ? boolOf(allow, 'allowMissingColumns') : false;
	const left = st.resolver.resolve(d.plan).schema;
	const right = st.resolver.resolve(other.v.plan).schema;
	const exprs: Expr[] = left.map((f) => {
		const j = findIndex(right, f.name);
		if (j >= 0) return refTo(right, j, a.at);
		if (!allowMissing)
			return fail(
				a.at,
				`[NUM_COLUMNS_MISMATCH] Cannot resolve column name "${f.name}" among (${right.map((g) => g.name).join(', ')}).`
			);
		return {
			kind: 'alias',
			expr: {
				kind: 'cast',
				expr: { kind: 'lit', value: null, type: { kind: 'null' } },
				to: f.type
			},
			name: f.name,
			at: a.at
		};
	});
	let l = d.plan;
	if (allowMissing) {
		const extra = right.filter((g) => findIndex(left, g.name) < 0);
		for (const g of extra) exprs.push(refTo(right, findIndex(right, g.name), a.at));
		if (extra.length > 0) {
			const nulls: Expr[] = extra.map((g) => ({
				kind: 'alias',
				expr: {
					kind: 'cast',
					expr: { kind: 'lit', value: null, type: { kind: 'null' } },
					to: g.type
				},
				name: g.name,
				at: a.at
			}));
			l = {
				op: 'Project',
				child: l,
				exprs: [...left.map((_, i) => refTo(left, i, a.at)), ...nulls],
				at: a.at
			};
		}
	}
	const r: Plan = { op: 'Project', child: other.v.plan, exprs, at: a.at };
	return df({ op: 'Union', children: [l, r], at: a.at });
}
