/**
 * advanced-13 (libraries and custom transformations): one transformation, Celsius to
 * Fahrenheit, written four ways on the same rate-source query: a built-in expression, a Python
 * UDF (row at a time, pickled), an Arrow-optimized Python UDF (useArrow=True) and a pandas UDF
 * (one call per Arrow batch). The program says which one runs and how big an Arrow batch is; the
 * cluster kind runs it under the cost model (simulations/cluster/task-cost.ts), whose constants
 * are illustrative model parameters, not Spark measurements. QUESTIONS.md
 * advanced-13-libraries-custom-transformations; SPARK-SEMANTICS §9 (EXEC).
 */
import type { ParamSchema, Params, Preset } from '../../core/params';
import { choiceParam, numberParam } from '../../core/params';
import type { SpanRewrite } from '../../core/template';
import { DEFAULT_TASK_COST } from '../../cluster/task-cost';
import type { ClusterScenario, ClusterWorld } from '../../kinds/cluster/question';
import type { ProgramSettings } from '../../kinds/cluster/settings';
import { clusterScenario, executorsParam } from '../cluster-scenario';
import { programs } from './program';

export const SLUG = 'advanced-13-libraries-custom-transformations';

/** The expression each way of writing the transformation puts in withColumn. */
export const TRANSFORMS: Readonly<Record<string, string>> = {
	builtin: 'F.col("celsius") * 9.0 / 5.0 + 32.0',
	pythonUdf: 'to_fahrenheit_udf("celsius")',
	arrowUdf: 'to_fahrenheit_arrow("celsius")',
	pandasUdf: 'to_fahrenheit_pandas("celsius")'
};

/** How PySpark runs each (the reader's evalType) → the control's value. */
const FROM_UDF: Readonly<Record<string, string>> = {
	python: 'pythonUdf',
	arrow: 'arrowUdf',
	pandas: 'pandasUdf'
};

const schema: ParamSchema = [
	{
		id: 'transformKind',
		label: 'transformation',
		kind: 'choice',
		options: [
			{ value: 'builtin', label: 'built-in expression' },
			{ value: 'pythonUdf', label: 'Python UDF (@udf)' },
			{ value: 'arrowUdf', label: 'Arrow UDF (useArrow=True)' },
			{ value: 'pandasUdf', label: 'pandas UDF (@pandas_udf)' }
		],
		default: 'pandasUdf',
		help: 'Which of the four functions the withColumn applies: the same Fahrenheit values, very different costs.'
	},
	{
		id: 'eventRate',
		label: 'rows per second',
		unit: 'rows/s',
		kind: 'number',
		min: 100,
		max: 50000,
		step: 100,
		default: 5000,
		help: 'The rate source’s rowsPerSecond: exactly this many rows each second.'
	},
	{
		id: 'arrowBatchSize',
		label: 'Arrow batch size',
		unit: 'rows',
		kind: 'number',
		min: 100,
		max: 100000,
		step: 100,
		default: 10000,
		help: 'spark.sql.execution.arrow.maxRecordsPerBatch: the most rows an Arrow batch carries to a Python worker (Arrow and pandas UDFs).'
	},
	{
		...executorsParam(2),
		help: 'The cluster the query runs on; the rate source has one partition per core by default.'
	},
	{
		id: 'pythonRowCost',
		label: 'Python cost per row (illustrative)',
		unit: 'µs',
		kind: 'number',
		min: 1,
		max: 200,
		step: 1,
		default: 20,
		simulationOnly: true,
		help: 'Model parameter, not a Spark measurement: what the function’s row-at-a-time Python work costs. A pandas UDF’s vectorized work is 1/20 of it.'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'udf-kinds',
		label: 'pandas UDF',
		description:
			'The pandas UDF: one call per Arrow batch of up to 10,000 rows, so each task crosses to Python once. Compare the four ceilings: built-in ≈ 2 M rows/s, pandas ≈ 1.2 M, Arrow UDF ≈ 180 k, Python UDF ≈ 65 k (model figures).',
		params: {}
	},
	{
		id: 'python-udf-overload',
		label: 'Python UDF overloaded',
		description:
			'A row-at-a-time Python UDF on one executor at 40,000 rows/s: each row is pickled to a Python worker and back, so the two cores take ≈ 32,000 rows/s. Every batch outlasts the 2 s trigger and the backlog grows.',
		params: { transformKind: 'pythonUdf', eventRate: 40000, executors: 1 }
	},
	{
		id: 'builtin',
		label: 'Built-in expression',
		description:
			'The same conversion as a Column expression: it runs in the JVM with the rest of the query, no Python worker, no serialization. Batches take a few milliseconds of task time.',
		params: { transformKind: 'builtin' }
	},
	{
		id: 'tiny-arrow-batches',
		label: 'Tiny Arrow batches',
		description:
			'maxRecordsPerBatch 100: the pandas UDF now crosses to Python once per 100 rows, 25 times per task. Each batch takes about 2.5× as long, and its ceiling falls from ≈ 1.2 M to ≈ 93 k rows/s.',
		params: { arrowBatchSize: 100 }
	}
];

const TRANSFORM_CALL = /(withColumn\("fahrenheit",\s*).*\)\s*$/;
const ROWS_PER_SECOND = /("rowsPerSecond",\s*)\d+/;
const BATCH_SIZE = /("spark\.sql\.execution\.arrow\.maxRecordsPerBatch",\s*")\d+(")/;

function rewrites(params: Params): Readonly<Record<string, SpanRewrite>> {
	const kind = choiceParam(params, 'transformKind');
	return {
		transformKind: (line) =>
			line.replace(TRANSFORM_CALL, (_m, head: string) => `${head}${TRANSFORMS[kind] ?? ''})`),
		eventRate: (line) => line.replace(ROWS_PER_SECOND, `$1${numberParam(params, 'eventRate')}`),
		arrowBatchSize: (line) =>
			line.replace(BATCH_SIZE, `$1${numberParam(params, 'arrowBatchSize')}$2`)
	};
}

/** Crossing from the JVM to a Python worker and back, per pickled row (illustrative). */
export const PICKLE_PER_ROW_MS = 0.04;

/**
 * The cluster and the cost model, all illustrative: a task costs 10 ms plus 2 µs a row of JVM
 * work; a Python UDF pays 40 µs a row of pickling both ways plus the Python work
 * (pythonRowCost); an Arrow UDF pays 4 ms per Arrow batch plus the Python work; a pandas UDF
 * 4 ms per Arrow batch plus 1/20 of the Python work, vectorized. The input is the program's rate
 * source (cluster/udf-run.ts), so the world's own profile is a placeholder.
 */
export function world(params: Params): ClusterWorld {
	const python = numberParam(params, 'pythonRowCost') / 1000;
	return {
		profile: { kind: 'steady', recordsPerSecond: numberParam(params, 'eventRate') },
		jitter: 0,
		partitions: 4,
		cost: {
			...DEFAULT_TASK_COST,
			taskOverheadMs: 10,
			perRowMs: 0.002,
			udf: 'builtin',
			pythonPerRowMs: PICKLE_PER_ROW_MS + python,
			pythonWorkPerRowMs: python,
			arrowPerRowMs: python,
			arrowBatchOverheadMs: 4,
			pandasPerRowMs: python / 20
		},
		driverOverheadMs: 40,
		executors: numberParam(params, 'executors'),
		coresPerExecutor: 2,
		keys: 10,
		executorStartupMs: 0,
		executorAllocationMs: 0
	};
}

export const advanced13Udfs: ClusterScenario = clusterScenario({
	slug: SLUG,
	api: 'structured',
	programId: 'main',
	schema,
	presets,
	openingPreset: 'udf-kinds',
	template: programs[0]?.template ?? '',
	structural: [],
	rewrites,
	runMs: 60_000,
	startEpochMs: Date.UTC(2026, 0, 1, 10, 0, 0),
	world,
	paramsFromSettings: (s: ProgramSettings, params: Params): Params => {
		if (s.api !== 'structured') return params;
		return {
			...params,
			transformKind: s.udf ? (FROM_UDF[s.udf.kind] ?? 'pythonUdf') : 'builtin',
			...(s.rate ? { eventRate: s.rate.rowsPerSecond } : {}),
			...(s.arrowMaxRecordsPerBatch ? { arrowBatchSize: s.arrowMaxRecordsPerBatch } : {})
		};
	}
});
