// Imported from QUESTIONS.md (advanced-05-latency-throughput) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-05: a stateful Kafka pipeline tuned for latency and throughput.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("advanced-05-latency-throughput")
    .config("spark.sql.shuffle.partitions", "8")  # <- shufflePartitions
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
    )
    .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true")
    .config("spark.locality.wait", "1s")
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .option("maxOffsetsPerTrigger", 100000)  # <- maxOffsetsPerTrigger
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_second = (
    events
    .withWatermark("event_time", "5 seconds")
    .groupBy(F.window("event_time", "1 second"), "device")
    .agg(F.count("*").alias("events"), F.max("reading").alias("max_reading"))
)

query = (
    per_second
    .select(F.col("device").alias("key"), F.to_json(F.struct("window", "events", "max_reading")).alias("value"))
    .writeStream
    .outputMode("update")
    .format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("topic", "device-seconds")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-05-latency-throughput")
    .trigger(processingTime="1 second")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
