/**
 * Schema resolution of the logical plan, node by node, as Catalyst's analyzer resolves a
 * Dataset eagerly: every expression compiled against its child's output (Spark's column
 * resolution and type rules, from the expression layer), output names as Spark prints them,
 * qualifiers for `df["x"]`, and which output columns carry watermark metadata (R2.1, R3.1).
 * The result for a plan object is memoised: the reader resolves as it builds, then reuses it.
 */
import type { DataType, Expr, Pos, StructField } from '../expr/ast';
import { compileExpr, outputName } from '../expr/index';
import { joinOutput, unionOutput } from './combine';
import { aggregateOutput, compile, eventTimeOf, withTag } from './outputs';
import type { Plan } from '../plan';
import { bareRef, countWindows, expandStars, lookup, mapExpr, qualify, unresolved } from './exprs';
import { reject } from './failure';
import { planTag } from './tags';
import type { AnalyzedNode, EventTimeColumn } from './types';

const MULTI_WINDOW =
	'Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.';

export class Resolver {
	private readonly memo = new WeakMap<Plan, AnalyzedNode>();
	private nextId = 0;

	resolve(plan: Plan): AnalyzedNode {
		const hit = this.memo.get(plan);
		if (hit) return hit;
		const built = this.build(plan);
		// The tag is the reader's plan object's, not the rewritten copy's, so `df["x"]` finds it.
		const tag = planTag(plan);
		const node = { ...built, schema: built.schema.map((f) => withTag(f, tag)) };
		this.memo.set(plan, node);
		return node;
	}

	checkColumn(plan: Plan, name: string, at: Pos): void {
		const schema = this.resolve(plan).schema;
		if (lookup(schema, name).length === 0) unresolved(name, schema, at);
	}

	private node(
		plan: Plan,
		children: readonly AnalyzedNode[],
		schema: readonly StructField[],
		eventTime: readonly EventTimeColumn[],
		streaming?: boolean
	): AnalyzedNode {
		return {
			id: this.nextId++,
			plan,
			children,
			schema,
			streaming: streaming ?? children.some((c) => c.streaming),
			eventTime
		};
	}

	private build(plan: Plan): AnalyzedNode {
		switch (plan.op) {
			case 'Source':
				return this.node(
					plan,
					[],
					plan.schema.map((f) => ({ ...f })),
					[],
					plan.streaming
				);
			case 'Project':
				return this.project(plan);
			case 'Filter': {
				const child = this.resolve(plan.child);
				const condition = this.normalize(plan.condition, child.schema);
				const c = compile(condition, child.schema, plan.at);
				if (c.type.kind !== 'boolean' && c.type.kind !== 'null')
					reject(
						plan.condition.at ?? plan.at,
						`[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve "${c.name}" due to data type mismatch: Filter expression "${c.name}" of type "${c.type.kind.toUpperCase()}" is not a boolean.`,
						'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN'
					);
				return this.node({ ...plan, condition }, [child], child.schema, child.eventTime);
			}
			case 'Generate':
				return this.generate(plan);
			case 'EventTimeWatermark':
				return this.watermark(plan);
			case 'Aggregate':
				return this.aggregate(plan);
			case 'Deduplicate': {
				const child = this.resolve(plan.child);
				const keys = plan.keys.map((k) => {
					const hits = lookup(child.schema, k);
					const f = child.schema[hits[0] ?? -1];
					if (!f)
						return reject(
							plan.at,
							`[UNRESOLVED_COLUMN_AMONG_FIELD_NAMES] Cannot resolve column name "${k}" among (${child.schema.map((g) => g.name).join(', ')}).`,
							'UNRESOLVED_COLUMN_AMONG_FIELD_NAMES'
						);
					return f.name;
				});
				return this.node({ ...plan, keys }, [child], child.schema, child.eventTime);
			}
			case 'Join':
				return this.join(plan);
			case 'Union':
				return this.union(plan);
			case 'Sort': {
				const child = this.resolve(plan.child);
				const orders = plan.orders.map((o) => {
					const expr = this.normalize(o.expr, child.schema);
					compile(expr, child.schema, plan.at);
					return { ...o, expr };
				});
				return this.node({ ...plan, orders }, [child], child.schema, child.eventTime);
			}
			case 'Limit': {
				const child = this.resolve(plan.child);
				return this.node(plan, [child], child.schema, child.eventTime);
			}
			case 'PythonState': {
				// The function's rows are the child's; its output is the declared schema, with no
				// event-time metadata (FlatMapGroupsInPandasWithState's output attributes are new).
				const child = this.resolve(plan.child);
				const groupBy = plan.groupBy.map((g) => {
					const e = this.normalize(g, child.schema);
					compile(e, child.schema, plan.at);
					return e;
				});
				return this.node(
					{ ...plan, groupBy },
					[child],
					plan.outputSchema.map((f) => ({ ...f })),
					[]
				);
			}
			case 'SubqueryAlias': {
				const child = this.resolve(plan.child);
				return this.node(
					plan,
					[child],
					child.schema.map((f) => withTag(f, plan.alias)),
					child.eventTime
				);
			}
		}
	}

	/** `tbl.col` qualifiers, and a window over a window struct read through window_time. */
	private normalize(e: Expr, schema: readonly StructField[]): Expr {
		return mapExpr(qualify(e, schema), (x) => {
			if (x.kind !== 'window') return x;
			const r = compileExpr(x.time, schema);
			if (r.ok && r.value.type.kind === 'struct')
				return {
					...x,
					time: { kind: 'call', fn: 'window_time', args: [x.time], ...(x.at ? { at: x.at } : {}) }
				};
			return x;
		});
	}

	private structFields(
		schema: readonly StructField[],
		at: Pos
	): (e: Expr) => readonly StructField[] | null {
		return (e) => {
			const t = compile(e, schema, at).type;
			return t.kind === 'struct' ? t.fields : null;
		};
	}

	/** One output column of a projection: its field, and its watermark metadata if it keeps it. */
	private outputColumn(
		e: Expr,
		child: AnalyzedNode,
		at: Pos,
		index: number
	): { field: StructField; et: EventTimeColumn | null } {
		const c = compile(e, child.schema, at);
		const ref = bareRef(e, child.schema);
		const src = child.schema[ref];
		// ResolveAliases: an unaliased Cast of a column keeps the column's name (executor fix).
		const castOf =
			e.kind === 'cast' && e.expr.kind === 'col'
				? child.schema[bareRef(e.expr, child.schema)]
				: undefined;
		const name =
			e.kind === 'alias' ? e.name : src ? src.name : castOf ? castOf.name : outputName(e);
		const field: StructField =
			src && e.kind === 'col' ? { ...src, name, type: c.type } : { name, type: c.type };
		const et = eventTimeOf(e, child);
		return { field, et: et ? { ...et, index, name } : null };
	}

	private project(plan: Plan & { op: 'Project' }): AnalyzedNode {
		const child = this.resolve(plan.child);
		const exprs = expandStars(
			plan.exprs.map((e) => this.normalize(e, child.schema)),
			child.schema,
			plan.at,
			this.structFields(child.schema, plan.at)
		);
		if (countWindows(exprs) > 1) reject(plan.at, MULTI_WINDOW);
		const cols = exprs.map((e, i) => this.outputColumn(e, child, plan.at, i));
		const et = cols.flatMap((c) => (c.et ? [c.et] : []));
		return this.node(
			{ ...plan, exprs },
			[child],
			cols.map((c) => c.field),
			et
		);
	}

	private generate(plan: Plan & { op: 'Generate' }): AnalyzedNode {
		const child = this.resolve(plan.child);
		const keep = expandStars(
			plan.keep.map((e) => this.normalize(e, child.schema)),
			child.schema,
			plan.at,
			this.structFields(child.schema, plan.at)
		);
		const generator = this.normalize(plan.generator, child.schema);
		if (
			generator.kind !== 'call' ||
			(generator.fn !== 'explode' && generator.fn !== 'explode_outer')
		)
			return reject(
				plan.at,
				`generator \`${generator.kind === 'call' ? generator.fn : generator.kind}\` is not supported by the playground engine`,
				undefined,
				'Supported generators: explode, explode_outer.'
			);
		const g = compile(generator, child.schema, plan.at);
		const cols = keep.map((e, i) => this.outputColumn(e, child, plan.at, i));
		const elementType: DataType = g.type.kind === 'array' ? g.type.element : g.type;
		const fields = [...cols.map((c) => c.field), { name: plan.outputName, type: elementType }];
		return this.node(
			{ ...plan, keep, generator },
			[child],
			fields,
			cols.flatMap((c) => (c.et ? [c.et] : []))
		);
	}

	private watermark(plan: Plan & { op: 'EventTimeWatermark' }): AnalyzedNode {
		const child = this.resolve(plan.child);
		const hits = lookup(child.schema, plan.column);
		if (hits.length === 0) unresolved(plan.column, child.schema, plan.at);
		if (hits.length > 1)
			reject(
				plan.at,
				`[AMBIGUOUS_REFERENCE] Reference \`${plan.column}\` is ambiguous.`,
				'AMBIGUOUS_REFERENCE'
			);
		const index = hits[0] ?? 0;
		const f = child.schema[index] as StructField;
		const isWindow = f.type.kind === 'struct' && f.type.fields.some((x) => x.name === 'end');
		if (f.type.kind !== 'timestamp' && !isWindow)
			reject(
				plan.at,
				`Event time must be defined on a window or a timestamp, but ${f.name} is of type ${f.type.kind === 'long' ? 'bigint' : f.type.kind}.`
			);
		const id = this.nextId;
		const et: EventTimeColumn = {
			index,
			name: f.name,
			delayMs: plan.delayMs,
			window: isWindow,
			watermarkNodeId: id
		};
		return this.node({ ...plan, column: f.name }, [child], child.schema, [et]);
	}

	private aggregate(plan: Plan & { op: 'Aggregate' }): AnalyzedNode {
		const child = this.resolve(plan.child);
		const groupBy = plan.groupBy.map((e) => this.normalize(e, child.schema));
		if (countWindows(groupBy) > 1) reject(plan.at, MULTI_WINDOW);
		const sameAs = (a: Expr, b: Expr): boolean =>
			JSON.stringify(a, noAt) === JSON.stringify(b, noAt);
		const rawGroup = plan.groupBy;
		const cols: { field: StructField; et: EventTimeColumn | null }[] = [];
		const aggregates: Expr[] = [];
		plan.aggregates.forEach((raw, i) => {
			const gi = rawGroup.findIndex((g) => g === raw || sameAs(g, raw));
			if (gi >= 0) {
				const g = groupBy[gi] as Expr;
				aggregates.push(g);
				cols.push(this.outputColumn(g, child, plan.at, i));
				return;
			}
			const e = this.normalize(raw, child.schema);
			aggregates.push(e);
			cols.push({ field: aggregateOutput(e, child.schema, plan.at), et: null });
		});
		return this.node(
			{ ...plan, groupBy, aggregates },
			[child],
			cols.map((c) => c.field),
			cols.flatMap((c) => (c.et ? [c.et] : []))
		);
	}

	private join(plan: Plan & { op: 'Join' }): AnalyzedNode {
		const left = this.resolve(plan.left);
		const right = this.resolve(plan.right);
		const { fields, et } = joinOutput(plan, left, right);
		let condition = plan.condition;
		if (condition) {
			const both = [...left.schema, ...right.schema];
			condition = this.normalize(condition, both);
			const c = compile(condition, both, plan.at);
			if (c.type.kind !== 'boolean' && c.type.kind !== 'null')
				reject(
					plan.condition?.at ?? plan.at,
					`[DATATYPE_MISMATCH.JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE] The join condition "${c.name}" has the invalid type "${c.type.kind.toUpperCase()}", expected "BOOLEAN".`,
					'DATATYPE_MISMATCH.JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE'
				);
		}
		return this.node({ ...plan, condition }, [left, right], fields, et);
	}

	private union(plan: Plan & { op: 'Union' }): AnalyzedNode {
		const kids = plan.children.map((c) => this.resolve(c));
		return this.node(plan, kids, unionOutput(plan, kids), kids[0]?.eventTime ?? []);
	}
}

const noAt = (k: string, v: unknown): unknown => (k === 'at' ? undefined : v);
