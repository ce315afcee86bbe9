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
import type { Pos } from './expr/ast';
import type { Plan } from './plan';
import type { Args } from './reader/args';
import type { ReaderState } from './reader/state';
import type { PyValue as ReaderValue } from './reader/values';
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
	/** `groupBy(...).applyInPandasWithState(...)` / `transformWithStateInPandas(...)` read. */
	readonly readCall: (
		st: ReaderState,
		g: ReaderValue & { t: 'grouped' },
		name: string,
		a: Args
	) => ReaderValue;
	/** `df.collect()` on a batch DataFrame: its Rows. */
	readonly collect: (plan: Plan, conf: Readonly<Record<string, string>>, at: Pos) => PyValue[];
}

let support: PythonStateSupport | null = null;

export function registerPythonState(s: PythonStateSupport): void {
	support = s;
}

export const pythonStateSupport = (): PythonStateSupport | null => support;

export const NOT_LOADED = 'it runs on the pages about arbitrary state only';
