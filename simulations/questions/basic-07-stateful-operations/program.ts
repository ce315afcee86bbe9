// Imported from QUESTIONS.md (basic-07-stateful-operations) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-07: a built-in stateful aggregation (one state row per user).
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

PURCHASE_SCHEMA = "user STRING, amount DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("basic-07-stateful-operations")
    .config("spark.sql.shuffle.partitions", "4")
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",  # <- stateStoreProvider
    )
    .getOrCreate()
)

purchases = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "purchases")
    .option("startingOffsets", "latest")
    .load()
    .select(F.from_json(F.col("value").cast("string"), PURCHASE_SCHEMA).alias("p"))
    .select("p.*")
)

running_totals = purchases.groupBy("user").agg(
    F.count("*").alias("purchases"),
    F.sum("amount").alias("total_spent"),
)

query = (
    running_totals.writeStream
    .outputMode("update")  # <- outputMode
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-07-stateful-operations")
    .trigger(processingTime="2 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-07 (legacy DStreams): updateStateByKey, called for every key in every batch.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-07-dstreams")
ssc = StreamingContext(sc, 2)  # <- triggerInterval
ssc.checkpoint("/tmp/playground/checkpoints/basic-07-dstreams")  # required by updateStateByKey

lines = ssc.socketTextStream("localhost", 9999)  # lines like "alice,19.99"
purchases = lines.map(lambda line: (line.split(",")[0], float(line.split(",")[1])))


def update_total(new_amounts, state):
    count, total = state if state is not None else (0, 0.0)
    return (count + len(new_amounts), total + sum(new_amounts))


totals = purchases.updateStateByKey(update_total)
totals.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
