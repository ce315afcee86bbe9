// Imported from QUESTIONS.md (basic-13-challenges) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters: every fix applied',
		api: 'structured',
		template: String.raw`# basic-13: a pipeline with one line per common challenge.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "event_id STRING, device STRING, reading DOUBLE, event_time TIMESTAMP, _corrupt_record STRING"

spark = (
    SparkSession.builder
    .appName("basic-13-challenges")
    .config("spark.sql.shuffle.partitions", "8")  # sized before the first run; frozen by the checkpoint
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",  # large state off the JVM heap
    )
    .getOrCreate()
)

raw = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    # skew: split hot Kafka partitions into more Spark tasks
    .option("minPartitions", 12)  # <- fixApplied
    # overload: bounded, predictable batches
    .option("maxOffsetsPerTrigger", 20000)  # <- fixApplied
    .load()
)

parsed = raw.select(
    F.from_json(
        F.col("value").cast("string"),
        EVENT_SCHEMA,
        # schema drift: keep malformed records instead of failing the query
        {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": "_corrupt_record"},  # <- fixApplied
    ).alias("e")
).select("e.*")

good = parsed.where(F.col("_corrupt_record").isNull()).drop("_corrupt_record")
bad = parsed.where(F.col("_corrupt_record").isNotNull()).select("_corrupt_record")

per_minute = (
    good
    # late data: a delay that covers the observed lateness
    .withWatermark("event_time", "30 seconds")  # <- fixApplied
    # state growth: duplicates remembered only while the watermark allows
    .dropDuplicatesWithinWatermark(["event_id"])  # <- fixApplied
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
    .coalesce(2)  # fewer output files per batch
)

results = (
    per_minute.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/basic-13/per-minute")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-13-results")
    # small files: one set of files per minute, not per second
    .trigger(processingTime="1 minute")  # <- fixApplied
    .start()
)

dead_letters = (
    bad.writeStream
    .outputMode("append")
    .format("json")
    .option("path", "/tmp/playground/out/basic-13/dead-letters")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-13-dead-letters")
    .trigger(processingTime="1 minute")
    .start()
)

spark.streams.awaitAnyTermination()
`
	}
];
