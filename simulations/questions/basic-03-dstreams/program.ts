// Imported from QUESTIONS.md (basic-03-dstreams) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'DStreams, legacy; default parameters',
		api: 'dstream',
		template: String.raw`# basic-03: a DStream is a sequence of RDDs, one per batch interval.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = (
    SparkConf()
    .setMaster("local[2]")  # one core for the socket receiver, one for processing
    .setAppName("basic-03-dstreams")
    .set("spark.streaming.blockInterval", "200ms")  # <- blockInterval
)
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 2)  # <- batchInterval
ssc.checkpoint("/tmp/playground/checkpoints/basic-03-dstreams")  # <- checkpointEnabled

lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))

# 1. Per batch: one RDD per batch interval, counted on its own.
per_batch = pairs.reduceByKey(lambda a, b: a + b)
per_batch.pprint()

# 2. Per window: the last windowLength seconds, recomputed every slideInterval seconds.
windowed = pairs.reduceByKeyAndWindow(
    lambda a, b: a + b,
    lambda a, b: a - b,
    6,  # <- windowLength
    2,  # <- slideInterval
)
windowed.pprint()


# 3. Running state: a new state RDD per batch, built from the previous one.
def update_total(new_counts, running_total):
    return sum(new_counts) + (running_total or 0)


totals = pairs.updateStateByKey(update_total)
totals.pprint()

ssc.start()
ssc.awaitTermination()
`
	},
	{
		id: 'structured',
		label: 'Structured Streaming equivalent',
		api: 'structured',
		template: String.raw`# basic-03 in Structured Streaming: running totals and processing-time windows.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

${sparkSession('basic-03-structured-equivalent')}

lines = (
    spark.readStream.format("socket")
    .option("host", "localhost")
    .option("port", 9999)
    .load()
)
words = lines.select(
    F.explode(F.split(F.col("value"), " ")).alias("word"),
    F.current_timestamp().alias("arrival_time"),
)

totals = words.groupBy("word").count()
windowed = words.groupBy(F.window("arrival_time", "6 seconds", "2 seconds"), "word").count()

totals_query = (
    totals.writeStream
    .outputMode("update")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-03-totals")
    .trigger(processingTime="2 seconds")
    .start()
)
windowed_query = (
    windowed.writeStream
    .outputMode("update")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-03-windowed")
    .trigger(processingTime="2 seconds")
    .start()
)
spark.streams.awaitAnyTermination()
`
	}
];
