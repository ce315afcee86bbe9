// Imported from QUESTIONS.md (advanced-01-internals) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-01: one stateful query; the page draws what the driver and executors do for it.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("advanced-01-internals")
    .config("spark.sql.shuffle.partitions", "4")  # <- shufflePartitions
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",  # <- stateStoreProvider
    )
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_window = (
    events
    .withWatermark("event_time", "10 seconds")
    .groupBy(F.window("event_time", "10 seconds"), "device")
    .count()
)

query = (
    per_window.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/advanced-01-internals")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-01-internals")
    .trigger(processingTime="5 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
