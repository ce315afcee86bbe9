// Imported from QUESTIONS.md (advanced-04-checkpoint-recovery) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-04: a stateful query that recovers its state from the checkpoint.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

PURCHASE_SCHEMA = "user STRING, merchant STRING, amount DOUBLE, event_time TIMESTAMP"
CHECKPOINT = "/tmp/playground/checkpoints/advanced-04-checkpoint-recovery"

spark = (
    SparkSession.builder
    .appName("advanced-04-checkpoint-recovery")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.sql.streaming.stateStore.minDeltasForSnapshot", "10")  # <- minDeltasForSnapshot
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",  # <- stateStoreProvider
    )
    .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "false")  # <- changelogCheckpointing
    .getOrCreate()
)

purchases = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "purchases")
    .load()
    .select(F.from_json(F.col("value").cast("string"), PURCHASE_SCHEMA).alias("p"))
    .select("p.*")
)

spend = (
    purchases
    .withWatermark("event_time", "1 minute")
    .groupBy(F.window("event_time", "5 minutes"), "user")  # <- restartChange
    .agg(F.count("*").alias("purchases"), F.sum("amount").alias("spent"))
)

query = (
    spend.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/advanced-04-spend")
    .option("checkpointLocation", CHECKPOINT)
    .trigger(processingTime="1 second")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'inspect',
		label: 'inspecting the checkpoint, batch query, Spark 4.0+',
		api: 'structured',
		template: String.raw`# Read the aggregation's state as it was after batch 20 (the batch must be committed and retained).
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("advanced-04-inspect-state").getOrCreate()
CHECKPOINT = "/tmp/playground/checkpoints/advanced-04-checkpoint-recovery"

spark.read.format("state-metadata").load(CHECKPOINT).show(truncate=False)
state = spark.read.format("statestore").option("batchId", 20).load(CHECKPOINT)
state.select("key", "value", "partition_id").show(truncate=False)
`
	}
];
