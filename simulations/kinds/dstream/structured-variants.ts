/**
 * One-query Structured Streaming versions of basic-03, offered beside the page's own
 * `structured` program (which runs too: current_timestamp() is the batch's timestamp and each
 * of its two queries runs over the socket lines, structured-socket.ts). These take the arrival
 * time from the socket source's own `includeTimestamp` column (Spark's TextSocketSource option)
 * instead, and start one query each; everything else is the page's program.
 */
import { intervalString } from '../../core/template';

export type StructuredVariant = 'totals' | 'windowed';

const HEAD = String.raw`# basic-03 in Structured Streaming, one query: QUERY.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = (
    SparkSession.builder
    .appName("basic-03-structured-equivalent")
    .config("spark.sql.shuffle.partitions", "4")
    .getOrCreate()
)

lines = (
    spark.readStream.format("socket")
    .option("host", "localhost")
    .option("port", 9999)
    .option("includeTimestamp", "true")
    .load()
)
words = lines.select(
    F.explode(F.split(F.col("value"), " ")).alias("word"),
    F.col("timestamp").alias("arrival_time"),
)
`;

const QUERY: Record<StructuredVariant, { what: string; df: string; name: string }> = {
	totals: {
		what: 'running totals (state store)',
		df: 'totals = words.groupBy("word").count()',
		name: 'totals'
	},
	windowed: {
		what: '6 s windows sliding by 2 s on arrival time',
		df: 'windowed = words.groupBy(F.window("arrival_time", "6 seconds", "2 seconds"), "word").count()',
		name: 'windowed'
	}
};

export function structuredVariant(v: StructuredVariant, triggerSeconds: number): string {
	const q = QUERY[v];
	const every = intervalString(triggerSeconds);
	return `${HEAD.replace('QUERY', q.what)}
${q.df}

query = (
    ${q.name}.writeStream
    .outputMode("update")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-03-${q.name}")
    .trigger(processingTime="${every}")
    .start()
)
query.awaitTermination()
`;
}
