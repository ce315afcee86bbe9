// Imported from QUESTIONS.md (advanced-06-dynamic-scaling) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-06: a Kafka pipeline on an application with core dynamic allocation.
# Dynamic allocation is fixed when the application starts: submit it with spark-submit.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("advanced-06-dynamic-scaling")
    .config("spark.dynamicAllocation.enabled", "true")
    .config("spark.dynamicAllocation.shuffleTracking.enabled", "true")
    .config("spark.dynamicAllocation.minExecutors", "1")  # <- minExecutors
    .config("spark.dynamicAllocation.maxExecutors", "8")  # <- maxExecutors
    .config("spark.dynamicAllocation.executorIdleTimeout", "60s")  # <- executorIdleTimeout
    .config("spark.dynamicAllocation.schedulerBacklogTimeout", "1s")  # <- schedulerBacklogTimeout
    .config("spark.sql.shuffle.partitions", "16")  # the most tasks a stateful stage can use
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .option("minPartitions", 16)
    .option("maxOffsetsPerTrigger", 200000)  # <- maxOffsetsPerTrigger
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_minute = (
    events
    .withWatermark("event_time", "30 seconds")
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    per_minute.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/advanced-06-per-minute")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-06-dynamic-scaling")
    .trigger(processingTime="10 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy: streaming dynamic allocation',
		api: 'dstream',
		template: String.raw`# advanced-06 (legacy DStreams): ratio-based streaming dynamic allocation, with backpressure.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = (
    SparkConf()
    .setAppName("advanced-06-dstreams")
    .set("spark.dynamicAllocation.enabled", "false")  # core DA must be off
    .set("spark.streaming.dynamicAllocation.enabled", "true")
    .set("spark.streaming.dynamicAllocation.minExecutors", "1")  # <- minExecutors
    .set("spark.streaming.dynamicAllocation.maxExecutors", "8")  # <- maxExecutors
    .set("spark.streaming.dynamicAllocation.scalingInterval", "60s")
    .set("spark.streaming.dynamicAllocation.scalingUpRatio", "0.9")
    .set("spark.streaming.dynamicAllocation.scalingDownRatio", "0.3")
    .set("spark.streaming.backpressure.enabled", "true")
)
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 5)

lines = ssc.socketTextStream("localhost", 9999)
lines.map(lambda line: (line.split(",")[0], 1)).reduceByKey(lambda a, b: a + b).pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
