// Imported from QUESTIONS.md (advanced-11-schema-evolution) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-11: a fixed reader schema, PERMISSIVE parsing and a dead-letter output.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ORDER_SCHEMA = "order_id STRING, amount DOUBLE, event_time TIMESTAMP, _corrupt_record STRING"  # <- readerSchema

${sparkSession('advanced-11-schema-evolution')}

parsed = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "orders")
    .load()
    .select(
        F.col("offset"),
        F.from_json(
            F.col("value").cast("string"),
            ORDER_SCHEMA,
            {
                "mode": "PERMISSIVE",  # <- parseMode
                "columnNameOfCorruptRecord": "_corrupt_record",
            },
        ).alias("o"),
    )
    .select("offset", "o.*")
)

good = parsed.where(F.col("_corrupt_record").isNull()).drop("_corrupt_record")
dead_letters = parsed.where(F.col("_corrupt_record").isNotNull()).select("offset", "_corrupt_record")

good_query = (
    good.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/advanced-11/orders")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-11-orders")
    .trigger(processingTime="5 seconds")
    .start()
)

dead_letter_query = (
    dead_letters.writeStream
    .outputMode("append")
    .format("json")
    .option("path", "/tmp/playground/out/advanced-11/dead-letters")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-11-dead-letters")
    .trigger(processingTime="5 seconds")
    .start()
)

spark.streams.awaitAnyTermination()
`
	}
];
