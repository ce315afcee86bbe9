/**
 * DataFrame identity for column references. In PySpark `df["key"]` names df's own `key`
 * attribute, so it still resolves after a join that brings in another `key` (Spark tags the
 * plan with a dataset id, Dataset.col / ResolveReferences). Here each plan node gets a tag
 * `#<n>` the first time it is asked for; the analyzer puts it on every field the node outputs.
 */
import type { Plan } from '../plan';

const tags = new WeakMap<Plan, string>();
let next = 0;

export function planTag(plan: Plan): string {
	let t = tags.get(plan);
	if (t === undefined) {
		t = `#${next++}`;
		tags.set(plan, t);
	}
	return t;
}
