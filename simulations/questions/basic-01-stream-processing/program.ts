// Imported from QUESTIONS.md (basic-01-stream-processing) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-01: the same query on a bounded table and on an unbounded stream.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

NUM_KEYS = 5  # <- numKeys

${sparkSession('basic-01-stream-processing')}

# Bounded input: a table with a fixed number of rows, answered once.
table = spark.range(0, 100).withColumnRenamed("id", "value")
table.groupBy((F.col("value") % NUM_KEYS).alias("key")).count().orderBy("key").show()

# Unbounded input: the rate source appends rows forever (value = 0, 1, 2, ...).
stream = (
    spark.readStream.format("rate")
    .option("rowsPerSecond", 5)  # <- eventRate
    .load()
)
counts = stream.groupBy((F.col("value") % NUM_KEYS).alias("key")).count()

query = (
    counts.writeStream
    .queryName("counts_per_key")
    .outputMode("complete")  # <- outputMode
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-01-stream-processing")
    .trigger(processingTime="2 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
