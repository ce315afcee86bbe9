/**
 * Arbitrary state running the user's Python (applyInPandasWithState, transformWithState), the
 * pandas subset and the batch Rows a foreachBatch function collects are registered here rather
 * than imported by the reader and the planner: a question page that does not teach them does
 * not carry them in its first-load JavaScript (the 200 KB budget). `stateful-python/register.ts`
 * registers them; the conformance runner, the tests, and the pages that use them import it.
 * Without it, such a program gets a located message saying so.
 */
import type { PyModule, PyValue } from '../python/values';
import type { AnalyzedNode, StatefulOperator } from './analyzer/types';
import type { DataType, Value } from './expr/ast';
import type { Built } from './runtime/aggregate-plan';
import type { NodeExec } from './runtime/physical';

export interface PythonStateSupport {
	/** Importable Python libraries (pandas, numpy, calendar, datetime) by import path. */
	readonly libraryModules: ReadonlyMap<string, PyModule>;
	/** pyspark names of arbitrary state (GroupState, GroupStateTimeout, StatefulProcessor...). */
	readonly stateNames: ReadonlyMap<string, PyValue>;
	readonly planPythonState: (
		node: AnalyzedNode,
		op: StatefulOperator,
		kids: readonly NodeExec[],
		conf: Readonly<Record<string, string>>
	) => Built;
	/** A Row as `DataFrame.collect()` returns it. */
	readonly row: (
		names: readonly string[],
		values: readonly Value[],
		types: readonly DataType[]
	) => PyValue;
}

let support: PythonStateSupport | null = null;

export function registerPythonState(s: PythonStateSupport): void {
	support = s;
}

export const pythonStateSupport = (): PythonStateSupport | null => support;

export const NOT_LOADED =
	'arbitrary state in Python (applyInPandasWithState, transformWithState), pandas and collect() run on the pages about stateful processing and in the conformance runner; this page does not load them';
