/**
 * What a cluster page's program says about its transformation's cost: the first Python UDF in
 * the analyzed query (udf, udf(..., useArrow=True) or pandas_udf: how PySpark runs it), and the
 * rate source's settings when it reads one (RateStreamProvider: rowsPerSecond, numPartitions).
 */
import type { UdfKind } from '../../cluster/task-cost';
import type { PythonUdf } from '../../structured/expr/ast';
import type { AnalyzedQuery } from '../../structured/analyzer/types';

export interface ProgramUdf {
	readonly kind: Exclude<UdfKind, 'builtin'>;
	readonly name: string;
	readonly line: number;
}

/** The first Python UDF applied anywhere in the query's plan, or null (built-ins only). */
export function programUdf(q: AnalyzedQuery): ProgramUdf | null {
	const seen = new Set<unknown>();
	const walk = (x: unknown): ProgramUdf | null => {
		if (typeof x !== 'object' || x === null || seen.has(x)) return null;
		seen.add(x);
		const o = x as { kind?: string; fn?: string; udf?: PythonUdf; at?: { line: number } };
		if (o.kind === 'call' && o.udf) {
			const e = o.udf.evalType ?? 'python';
			return { kind: e, name: o.fn ?? 'udf', line: o.at?.line ?? 1 };
		}
		for (const v of Object.values(x)) {
			const u = walk(v);
			if (u) return u;
		}
		return null;
	};
	return walk(q.root);
}

export interface RateSettings {
	readonly rowsPerSecond: number;
	/** The option, or null: Spark then uses the default parallelism (the cluster's cores). */
	readonly numPartitions: number | null;
}

/** The rate source's options as RateStreamProvider checks them; a string is Spark's error. */
export function rateSettings(options: Readonly<Record<string, string>>): RateSettings | string {
	const positive = (k: string, dflt: string): number | string => {
		const raw = (options[k] ?? dflt).trim();
		if (!/^-?\d+$/.test(raw))
			return `java.lang.NumberFormatException: For input string: "${raw}" (${k})`;
		const n = Number(raw);
		return n > 0 ? n : `Invalid value '${raw}'. The option '${k}' must be positive`;
	};
	const rows = positive('rowsPerSecond', '1');
	if (typeof rows === 'string') return rows;
	if (options['numPartitions'] === undefined) return { rowsPerSecond: rows, numPartitions: null };
	const parts = positive('numPartitions', '1');
	return typeof parts === 'string' ? parts : { rowsPerSecond: rows, numPartitions: parts };
}
