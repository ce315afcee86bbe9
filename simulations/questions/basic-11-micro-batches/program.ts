// Imported from QUESTIONS.md (basic-11-micro-batches) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-11: micro-batches from the rate source under a fixed-interval trigger.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("basic-11-micro-batches").getOrCreate()

ticks = (
    spark.readStream.format("rate")
    .option("rowsPerSecond", 100)  # <- eventRate
    .option("numPartitions", 2)  # <- numPartitions
    .load()
)

shaped = ticks.select(
    F.col("timestamp"),
    F.col("value"),
    (F.col("value") % 10).alias("bucket"),
)

query = (
    shaped.writeStream
    .outputMode("append")
    .format("console")
    .option("numRows", 5)
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-11-micro-batches")
    .trigger(processingTime="2 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-11 (legacy DStreams): the batch interval is fixed when the context is created.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-11-dstreams")
ssc = StreamingContext(sc, 2)  # <- triggerInterval

lines = ssc.socketTextStream("localhost", 9999)
lines.count().pprint()  # one count per batch interval

ssc.start()
ssc.awaitTermination()
`
	}
];
