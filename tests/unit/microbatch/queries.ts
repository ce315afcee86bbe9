/** Small PySpark programs run by the Structured Streaming engine as a micro-batch BatchQuery. */
import { structuredBatchQuery } from '../../../simulations/kinds/micro-batch/query';
import { buildTrace, EPOCH_OFFSET_MS } from '../../../simulations/microbatch/run';
import { buildContinuousTrace } from '../../../simulations/microbatch/continuous';
import type { ContinuousConfig } from '../../../simulations/microbatch/continuous-config';
import type { BatchQuery } from '../../../simulations/microbatch/query';
import type { RunConfig } from '../../../simulations/microbatch/trace';
import { prepareQuery } from '../../../simulations/structured/index';

const head =
	'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\nspark = SparkSession.builder.getOrCreate()\n';

export const rateProgram = (query: string, outputMode: string) =>
	`${head}stream = spark.readStream.format("rate").option("rowsPerSecond", 5).load()\n` +
	`result = ${query}\n` +
	`q = result.writeStream.outputMode("${outputMode}").format("console").start()\n`;

export const socketProgram = (query: string, outputMode: string) =>
	`${head}lines = spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()\n` +
	`result = ${query}\n` +
	`q = result.writeStream.outputMode("${outputMode}").format("console").start()\n`;

export function queryOf(code: string, kind: 'rate' | 'socket') {
	const q = prepareQuery(code, {});
	if (!q.ok) throw new Error(q.error.message);
	return structuredBatchQuery(q.value, kind, EPOCH_OFFSET_MS);
}

export const countByKey = (numKeys: number, outputMode: string) =>
	queryOf(
		rateProgram(`stream.groupBy((F.col("value") % ${numKeys}).alias("key")).count()`, outputMode),
		'rate'
	);

export const wordCount = (outputMode: string) =>
	queryOf(
		socketProgram(
			'lines.select(F.explode(F.split(F.col("value"), " ")).alias("word")).groupBy("word").count()',
			outputMode
		),
		'socket'
	);

/** `df.writeStream...start()` with no transformation: every row read is written once (append). */
export const passThrough = (kind: 'rate' | 'socket' = 'rate') =>
	queryOf(
		kind === 'rate' ? rateProgram('stream', 'append') : socketProgram('lines', 'append'),
		kind
	);

/** buildTrace with the pass-through query over the config's own source when none is given. */
export const traceOf = (config: RunConfig, query?: BatchQuery) =>
	buildTrace(config, query ?? passThrough(config.source.kind));

/** buildContinuousTrace with the pass-through query for its micro-batch contrast. */
export const continuousOf = (config: ContinuousConfig) =>
	buildContinuousTrace(config, passThrough('rate'));
