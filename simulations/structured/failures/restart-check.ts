/**
 * Which program changes a restart from an existing checkpoint refuses (the guide's "Recovery
 * Semantics after Changes in a Streaming Query"; SPARK-SEMANTICS R6.5, R6.6), with Spark's
 * errors: a different number of sources (the offset log's assertion), stateful operators added,
 * removed or changed (`STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA`, from the state
 * metadata), a changed grouping key or state value schema (the state schema check,
 * `STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE` / `STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE`). Pinned
 * confs are not an error: the checkpoint's value wins, with Spark's warning. Filters,
 * projections and the foreachBatch code may change.
 */
import type { AnalyzedNode, AnalyzedQuery, StatefulOperator } from '../analyzer/types';
import { compileExpr, sqlTypeName } from '../expr/index';
import type { StructField } from '../expr/ast';
import { PINNED_CONFS } from './checkpoint-files';

export interface RestartVerdict {
	/** Spark's error when the restart is refused, else null. */
	readonly error: string | null;
	/** Spark's log lines about pinned confs the checkpoint forces back. */
	readonly warnings: readonly string[];
}

const OPERATOR_NAME: Record<StatefulOperator['kind'], string> = {
	aggregate: 'stateStoreSave',
	session: 'sessionWindowStateStoreSaveExec',
	dedup: 'dedupe',
	dedupWithinWatermark: 'dedupeWithinWatermark',
	join: 'symmetricHashJoin',
	pythonState: 'flatMapGroupsWithState'
};

const structText = (fields: readonly StructField[]) =>
	`StructType(${fields.map((f) => `StructField(${f.name},${sqlTypeName(f.type)},true)`).join(',')})`;

export function nodeById(root: AnalyzedNode, id: number): AnalyzedNode | undefined {
	if (root.id === id) return root;
	for (const c of root.children) {
		const n = nodeById(c, id);
		if (n) return n;
	}
	return undefined;
}

/** The key and value schemas an operator's state store checks, as text, and as the types the
 *  check compares (StateSchemaCompatibilityChecker ignores field names and nullability). Value
 *  schemas are checked for applyInPandasWithState, whose state schema the program declares; an
 *  aggregation's state holds its aggregate buffers, which the playground does not model, so its
 *  value schema is not compared here. */
function schemas(
	q: AnalyzedQuery,
	op: StatefulOperator
): { key: string; value: string; keyTypes: string; valueTypes: string } {
	const node = nodeById(q.root, op.nodeId);
	const child = node?.children[0];
	const keyFields: StructField[] = (op.groupBy ?? []).flatMap((e, i) => {
		const c = child ? compileExpr(e, child.schema) : null;
		return c?.ok
			? [{ name: c.value.name, type: c.value.type }]
			: [{ name: `k${i}`, type: { kind: 'null' } }];
	});
	const keys = op.keyIndices
		? op.keyIndices.map((i) => child?.schema[i]).filter((f): f is StructField => !!f)
		: keyFields;
	const plan = node?.plan;
	const value = plan?.op === 'PythonState' ? plan.stateSchema : [];
	const types = (fs: readonly StructField[]) => fs.map((f) => sqlTypeName(f.type)).join(',');
	return {
		key: structText(keys),
		value: structText(value),
		keyTypes: types(keys),
		valueTypes: types(value)
	};
}

export function checkRestart(before: AnalyzedQuery, after: AnalyzedQuery): RestartVerdict {
	const warnings: string[] = [];
	for (const k of PINNED_CONFS) {
		const old = before.conf[k];
		const now = after.conf[k];
		if (old !== undefined && now !== undefined && old !== now)
			warnings.push(
				`Updating the value of conf '${k}' in current session from '${now}' to '${old}'.`
			);
	}
	const a = before.sources.length;
	const b = after.sources.length;
	if (a !== b)
		return {
			error: `There are [${a}] sources in the checkpoint offsets and now there are [${b}] sources requested by the query. Cannot continue.`,
			warnings
		};
	const names = (q: AnalyzedQuery) => q.statefulOperators.map((o) => OPERATOR_NAME[o.kind]);
	const was = names(before);
	const now = names(after);
	if (was.join() !== now.join())
		return {
			error: `[STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA] Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query. Stateful operators in the metadata: [${was.map((n, i) => `(OperatorId: ${i} -> OperatorName: ${n})`).join(', ')}]; Stateful operators in current batch: [${now.map((n, i) => `(OperatorId: ${i} -> OperatorName: ${n})`).join(', ')}].`,
			warnings
		};
	for (let i = 0; i < before.statefulOperators.length; i++) {
		const x = schemas(before, before.statefulOperators[i] as StatefulOperator);
		const y = schemas(after, after.statefulOperators[i] as StatefulOperator);
		if (x.keyTypes !== y.keyTypes)
			return {
				error: `[STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE] Provided key schema does not match existing state key schema. Please check number and type of fields. Existing key_schema=${x.key} and new key_schema=${y.key}. If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false. Note that running the query without schema validation can cause non-deterministic behavior.`,
				warnings
			};
		if (x.valueTypes !== y.valueTypes)
			return {
				error: `[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE] Provided value schema does not match existing state value schema. Please check number and type of fields. Existing value_schema=${x.value} and new value_schema=${y.value}. If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false. Note that running the query without schema validation can cause non-deterministic behavior.`,
				warnings
			};
	}
	return { error: null, warnings };
}
