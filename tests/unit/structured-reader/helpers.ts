// Shared by the reader tests: the structured conformance corpus and its input bindings.
import { ScenarioInputs } from '../../../simulations/conformance/scenario-inputs';
import { readdirSync, readFileSync } from 'node:fs';
import '../../../simulations/structured/stateful-python/register';
import { join } from 'node:path';
import type { DataType, PythonUdf, StructField } from '../../../simulations/structured/expr/ast';
import type { StructuredScenario } from '../../../simulations/conformance/types';
import { readProgram } from '../../../simulations/structured/reader/index';
import { analyze } from '../../../simulations/structured/analyzer/index';

const DIR = join(__dirname, '../../conformance/spark');

export function structuredScenarios(): StructuredScenario[] {
	return readdirSync(DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { api: string })
		.filter((s): s is StructuredScenario => s.api === 'structured');
}

const TYPES: Readonly<Record<string, DataType>> = {
	long: { kind: 'long' },
	int: { kind: 'int' },
	double: { kind: 'double' },
	string: { kind: 'string' },
	boolean: { kind: 'boolean' },
	timestamp: { kind: 'timestamp' }
};

export function bindingsOf(s: StructuredScenario): Record<string, StructField[]> {
	const out: Record<string, StructField[]> = {};
	// An input is a column list, an object with its `columns` (FORMAT-ADDITIONS), or an input
	// kind (kafka, rate…) that binds the schema its source has, as the runner does.
	const kinds = new ScenarioInputs(s.inputs, { nowMs: () => 0 }).bindings;
	for (const [name, spec] of Object.entries(s.inputs as Record<string, unknown>)) {
		const cols = Array.isArray(spec)
			? (spec as [string, string][])
			: (spec as { columns?: [string, string][] }).columns;
		out[name] =
			cols === undefined
				? (kinds[name] ?? [])
				: cols.map(([n, t]) => {
						const type = TYPES[t];
						if (!type) throw new Error(`unknown input type ${t}`);
						return { name: n, type };
					});
	}
	return out;
}

/** readProgram then analyze, as the runner does: the first error, or the analyzed query. */
export function readAndAnalyze(code: string, bindings: Record<string, readonly StructField[]>) {
	const q = readProgram(code, bindings);
	if (!q.ok) return { stage: 'read' as const, ...q };
	const a = analyze(q.value);
	if (!a.ok) return { stage: 'analyze' as const, ...a };
	return { stage: 'done' as const, ...a };
}

/** The first Python udf anywhere in a plan. */
export function findUdf(x: unknown): PythonUdf | undefined {
	if (typeof x !== 'object' || x === null) return undefined;
	if ('udf' in x && x.udf) return x.udf as PythonUdf;
	for (const v of Object.values(x)) {
		const u = findUdf(v);
		if (u) return u;
	}
	return undefined;
}
