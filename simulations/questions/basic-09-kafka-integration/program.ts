// Imported from QUESTIONS.md (basic-09-kafka-integration) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-09: Kafka in, transform, Kafka out.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:<your Spark 4.x version> app.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ORDER_SCHEMA = "order_id STRING, customer STRING, amount DOUBLE, event_time TIMESTAMP"

${sparkSession('basic-09-kafka-integration')}

orders = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "orders")
    .option("startingOffsets", "earliest")  # <- startingOffsets
    .option("maxOffsetsPerTrigger", 500)  # <- maxOffsetsPerTrigger
    .option("failOnDataLoss", "true")  # <- failOnDataLoss
    .load()
    .select(
        F.col("partition"),
        F.col("offset"),
        F.from_json(F.col("value").cast("string"), ORDER_SCHEMA).alias("o"),
    )
    .select("partition", "offset", "o.*")
)

large_orders = orders.where(F.col("amount") >= 500.0)

query = (
    large_orders
    .select(
        F.col("order_id").alias("key"),
        F.to_json(F.struct("order_id", "customer", "amount", "event_time")).alias("value"),
    )
    .writeStream
    .format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("topic", "large-orders")
    .outputMode("append")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-09-kafka-integration")
    .trigger(processingTime="2 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
