// Imported from QUESTIONS.md (basic-07-stateful-operations) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-07: running totals per user, kept in state by a built-in aggregation or by your own function.
from typing import Iterator, Tuple

import pandas as pd

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupState, GroupStateTimeout

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



def running_total(
    key: Tuple[str], pdfs: Iterator[pd.DataFrame], state: GroupState
) -> Iterator[pd.DataFrame]:
    # Arbitrary state: the same running totals, kept by hand with applyInPandasWithState.
    (count, total) = state.get if state.exists else (0, 0.0)
    for pdf in pdfs:
        count += len(pdf)
        total += pdf["amount"].sum()
    state.update((count, total))
    yield pd.DataFrame({"user": [key[0]], "purchases": [count], "total_spent": [total]})


# One state row per user: Spark's aggregation keeps it, or running_total above does.
running_totals = purchases.groupBy("user").agg(  # <- stateApi
    F.count("*").alias("purchases"),  # <- stateApi
    F.sum("amount").alias("total_spent"),  # <- stateApi
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
