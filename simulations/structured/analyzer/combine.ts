/**
 * Output schemas of the binary operators. Join: a USING join outputs each USING column once
 * (left's, right's for a right outer join), then the other left columns, then the right ones;
 * semi and anti joins output the left side only; each column keeps its qualifiers so `df["x"]`
 * still finds it. Union: the first input's names, column types widened, positions matched.
 */
import type { StructField } from '../expr/ast';
import type { Plan } from '../plan';
import { lookup } from './exprs';
import { reject } from './failure';
import { widen } from './outputs';
import type { AnalyzedNode, EventTimeColumn } from './types';

export function joinOutput(
	plan: Plan & { op: 'Join' },
	left: AnalyzedNode,
	right: AnalyzedNode
): { fields: StructField[]; et: EventTimeColumn[] } {
	const semi = plan.joinType === 'left_semi' || plan.joinType === 'left_anti';
	const fields: StructField[] = [];
	const et: EventTimeColumn[] = [];
	const usedL = new Set<number>();
	const usedR = new Set<number>();
	for (const name of plan.using) {
		const li = lookup(left.schema, name);
		const ri = lookup(right.schema, name);
		if (li.length !== 1)
			reject(
				plan.at,
				`[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column \`${name}\` cannot be resolved on the left side of the join. The left-side columns: [${left.schema.map((f) => `\`${f.name}\``).join(', ')}].`,
				'UNRESOLVED_USING_COLUMN_FOR_JOIN'
			);
		if (ri.length !== 1)
			reject(
				plan.at,
				`[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column \`${name}\` cannot be resolved on the right side of the join. The right-side columns: [${right.schema.map((f) => `\`${f.name}\``).join(', ')}].`,
				'UNRESOLVED_USING_COLUMN_FOR_JOIN'
			);
		const l = li[0] ?? 0;
		const r = ri[0] ?? 0;
		usedL.add(l);
		usedR.add(r);
		if (semi) continue;
		const lf = left.schema[l] as StructField;
		const rf = right.schema[r] as StructField;
		const fromRight = plan.joinType === 'right_outer';
		const type = widen(lf.type, rf.type) ?? lf.type;
		const src = fromRight ? right : left;
		const srcIndex = fromRight ? r : l;
		const e = src.eventTime.find((x) => x.index === srcIndex);
		if (e) et.push({ ...e, index: fields.length });
		fields.push({
			name: (fromRight ? rf : lf).name,
			type,
			qualifiers: [...(lf.qualifiers ?? []), ...(rf.qualifiers ?? [])]
		});
	}
	const leftRest = semi
		? [...left.schema.keys()]
		: [...left.schema.keys()].filter((i) => !usedL.has(i));
	for (const i of leftRest) {
		const e = left.eventTime.find((x) => x.index === i);
		if (e) et.push({ ...e, index: fields.length });
		fields.push(left.schema[i] as StructField);
	}
	if (!semi)
		for (const i of [...right.schema.keys()].filter((k) => !usedR.has(k))) {
			const e = right.eventTime.find((x) => x.index === i);
			if (e) et.push({ ...e, index: fields.length });
			fields.push(right.schema[i] as StructField);
		}
	return { fields, et };
}

export function unionOutput(
	plan: Plan & { op: 'Union' },
	kids: readonly AnalyzedNode[]
): StructField[] {
	const first = kids[0];
	if (!first) return reject(plan.at, 'union of nothing');
	let fields = first.schema.map((f) => ({ ...f }));
	kids.slice(1).forEach((k, n) => {
		if (k.schema.length !== fields.length)
			reject(
				plan.at,
				`[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has ${fields.length} columns and the ${ordinal(n + 2)} input has ${k.schema.length} columns.`,
				'NUM_COLUMNS_MISMATCH'
			);
		fields = fields.map((f, i) => {
			const g = k.schema[i] as StructField;
			const type = widen(f.type, g.type);
			if (!type)
				return reject(
					plan.at,
					`[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on tables with compatible column types. The ${ordinal(i + 1)} column of the ${ordinal(n + 2)} table is "${g.type.kind.toUpperCase()}" type which is not compatible with "${f.type.kind.toUpperCase()}" at the same column of the first table.`,
					'INCOMPATIBLE_COLUMN_TYPE'
				);
			return { ...f, type };
		});
	});
	return fields;
}

function ordinal(n: number): string {
	return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}
