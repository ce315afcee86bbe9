// Imported from QUESTIONS.md (advanced-02-event-time-watermarks) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-02: two inputs, two watermarks, one global watermark.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("advanced-02-event-time-watermarks")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.sql.streaming.multipleWatermarkPolicy", "min")  # <- watermarkPolicy
    .getOrCreate()
)

eu = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensors-eu")
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
    .withWatermark("event_time", "10 seconds")  # <- watermarkDelayEu
)

us = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensors-us")
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
    .withWatermark("event_time", "30 seconds")  # <- watermarkDelayUs
)

counts = (
    eu.union(us)
    .groupBy(F.window("event_time", "10 seconds"), "device")  # <- windowLength
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    counts.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-02-event-time-watermarks")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
