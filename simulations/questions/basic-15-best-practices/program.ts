// Imported from QUESTIONS.md (basic-15-best-practices) by scripts/import-questions.mjs; edit here from now on.
// The outputMode line carries the `watermark` marker: without a watermark Spark refuses append
// for an aggregation, so turning the watermark off writes update mode (QUESTIONS.md's table).
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters: the "after" application',
		api: 'structured',
		template: String.raw`# basic-15: a stateful Kafka pipeline following the practices above.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "event_id STRING, device STRING, reading DOUBLE, event_time TIMESTAMP"
OUT_DIR = "/tmp/playground/out/basic-15-device-minutes"

spark = (
    SparkSession.builder
    .appName("basic-15-best-practices")
    .config("spark.sql.shuffle.partitions", "8")  # <- shufflePartitions
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",  # <- stateStoreProvider
    )
    .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true")
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .option("maxOffsetsPerTrigger", 50000)  # <- maxOffsetsPerTrigger
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_minute = (
    events
    .withWatermark("event_time", "60 seconds")  # <- watermarkDelay
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)


def write_batch(batch_df, batch_id):
    # Built-in functions only; the batch is written once, to a directory named by its batch id,
    # so a replay of the same batch overwrites identical output.
    (
        batch_df
        .withColumn("window_start", F.col("window.start"))
        .drop("window")
        .write.mode("overwrite")
        .parquet(f"{OUT_DIR}/batch_id={batch_id}")
    )


query = (
    per_minute.writeStream
    .queryName("device_minutes")
    .outputMode("append")  # <- watermark
    .foreachBatch(write_batch)
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-15-best-practices")
    .trigger(processingTime="30 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
