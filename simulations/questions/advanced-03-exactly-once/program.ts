// Imported from QUESTIONS.md (advanced-03-exactly-once) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-03: exactly-once output with foreachBatch keyed by batch_id.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ORDER_SCHEMA = "order_id STRING, customer STRING, amount DOUBLE, event_time TIMESTAMP"
OUT_DIR = "/tmp/playground/out/advanced-03-orders"

${sparkSession('advanced-03-exactly-once')}

orders = (
    spark.readStream.format("kafka")  # replayable: offsets are in the checkpoint
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "orders")
    .load()
    .select(F.from_json(F.col("value").cast("string"), ORDER_SCHEMA).alias("o"))
    .select("o.*")
)


def write_batch(batch_df, batch_id):
    # A replay of batch N brings the same rows with the same batch_id:
    # overwriting the directory of that batch id makes the second write harmless;
    # appending to one directory writes the rows a second time.
    (
        batch_df
        .write.mode("overwrite")  # <- sinkMode
        .parquet(f"{OUT_DIR}/batch_id={batch_id}")  # <- sinkMode
    )


query = (
    orders.writeStream
    .outputMode("append")
    .foreachBatch(write_batch)
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-03-exactly-once")
    .trigger(processingTime="5 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
