// Imported from QUESTIONS.md (advanced-15-real-world-applications) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Case A: fraud detection',
		api: 'structured',
		template: String.raw`# advanced-15 case A: fraud detection with a per-card sliding-window velocity rule.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

TXN_SCHEMA = "txn_id STRING, card_id STRING, amount DOUBLE, merchant STRING, country STRING, event_time TIMESTAMP"
MAX_TXN_PER_WINDOW = 5  # <- maxTxnPerWindow
MAX_AMOUNT_PER_WINDOW = 2000.0  # <- maxAmountPerWindow

spark = (
    SparkSession.builder
    .appName("advanced-15-fraud-detection")
    .config("spark.sql.shuffle.partitions", "8")
    .config(
        "spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
    )
    .getOrCreate()
)

transactions = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "card-transactions")
    .load()
    .select(F.from_json(F.col("value").cast("string"), TXN_SCHEMA).alias("t"))
    .select("t.*")
)

velocity = (
    transactions
    .withWatermark("event_time", "30 seconds")
    # a retried payment reuses its txn_id: count it once (state kept until the watermark passes)
    .dropDuplicatesWithinWatermark(["txn_id"])  # <- dedup
    .groupBy(
        F.window(
            "event_time",
            "60 seconds",  # <- velocityWindow
            "10 seconds",  # <- velocitySlide
        ),
        "card_id",
    )
    .agg(
        F.count("*").alias("txn_count"),
        F.sum("amount").alias("total_amount"),
        F.approx_count_distinct("country").alias("countries"),
    )
)

alerts = velocity.where(
    (F.col("txn_count") > MAX_TXN_PER_WINDOW)
    | (F.col("total_amount") > MAX_AMOUNT_PER_WINDOW)
    | (F.col("countries") > 1)
)

query = (
    alerts
    .select(
        F.col("card_id").alias("key"),
        F.to_json(F.struct("card_id", "window", "txn_count", "total_amount", "countries")).alias("value"),
    )
    .writeStream
    .outputMode("update")  # alert as soon as a window crosses a threshold
    .format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("topic", "fraud-alerts")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-15-fraud-detection")
    .trigger(processingTime="5 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'iot',
		label: 'Case B: IoT analytics',
		api: 'structured',
		template: String.raw`# advanced-15 case B: IoT analytics with per-sensor windowed averages and late readings.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

READING_SCHEMA = "sensor_id STRING, site STRING, temperature DOUBLE, humidity DOUBLE, event_time TIMESTAMP"
OVERHEAT_C = 30.0  # <- overheatThreshold

spark = (
    SparkSession.builder
    .appName("advanced-15-iot-analytics")
    .config("spark.sql.shuffle.partitions", "8")
    .getOrCreate()
)

readings = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "iot-readings")
    .load()
    .select(F.from_json(F.col("value").cast("string"), READING_SCHEMA).alias("r"))
    .select("r.*")
    .withWatermark("event_time", "120 seconds")  # <- allowedLateness
)

per_sensor_minute = (
    readings
    .groupBy(F.window("event_time", "60 seconds"), "site", "sensor_id")  # <- windowLength
    .agg(
        F.avg("temperature").alias("avg_temp"),
        F.max("temperature").alias("max_temp"),
        F.avg("humidity").alias("avg_humidity"),
        F.count("*").alias("readings"),
    )
)

query = (
    per_sensor_minute
    .where(F.col("avg_temp") > OVERHEAT_C)
    .writeStream
    .outputMode("update")  # alert while the minute is still open
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-15-iot-alerts")
    .trigger(processingTime="10 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'anomaly',
		label: 'Case C: anomaly detection',
		api: 'structured',
		template: String.raw`# advanced-15 case C: rolling z-score anomaly detection with applyInPandasWithState.
import math
from typing import Iterator, Tuple

import pandas as pd

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupState, GroupStateTimeout

READING_SCHEMA = "sensor_id STRING, value DOUBLE, event_time TIMESTAMP"
ALPHA = 0.1  # <- ewmaAlpha
Z_THRESHOLD = 3.5  # <- zThreshold
WARMUP = 20  # <- warmupReadings
IDLE_TIMEOUT_MS = 600000  # <- idleTimeout

spark = (
    SparkSession.builder
    .appName("advanced-15-anomaly-detection")
    .config("spark.sql.shuffle.partitions", "8")
    .getOrCreate()
)

readings = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-values")
    .load()
    .select(F.from_json(F.col("value").cast("string"), READING_SCHEMA).alias("r"))
    .select("r.*")
)


def score_readings(
    key: Tuple[str], pdfs: Iterator[pd.DataFrame], state: GroupState
) -> Iterator[pd.DataFrame]:
    if state.hasTimedOut:
        state.remove()  # the sensor went quiet: forget its statistics
        return

    (n, mean, var) = state.get if state.exists else (0, 0.0, 0.0)
    anomalies = []
    for pdf in pdfs:
        ordered = pdf.sort_values("event_time")
        for event_time, raw in zip(ordered["event_time"], ordered["value"]):
            x = float(raw)
            if n >= WARMUP and var > 0:
                z = (x - mean) / math.sqrt(var)
                if abs(z) > Z_THRESHOLD:
                    anomalies.append((key[0], event_time, x, mean, z))
            if n == 0:
                mean, var = x, 0.0
            else:
                diff = x - mean
                mean = mean + ALPHA * diff
                var = (1 - ALPHA) * (var + ALPHA * diff * diff)
            n += 1
    state.update((n, mean, var))
    state.setTimeoutDuration(IDLE_TIMEOUT_MS)
    if anomalies:
        yield pd.DataFrame(anomalies, columns=["sensor_id", "event_time", "value", "expected", "z_score"])


anomalies = readings.groupBy("sensor_id").applyInPandasWithState(
    score_readings,
    outputStructType="sensor_id STRING, event_time TIMESTAMP, value DOUBLE, expected DOUBLE, z_score DOUBLE",
    stateStructType="n LONG, mean DOUBLE, var DOUBLE",
    outputMode="append",
    timeoutConf=GroupStateTimeout.ProcessingTimeTimeout,
)

query = (
    anomalies
    .select(
        F.col("sensor_id").alias("key"),
        F.to_json(F.struct("sensor_id", "event_time", "value", "expected", "z_score")).alias("value"),
    )
    .writeStream
    .outputMode("append")
    .format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("topic", "sensor-anomalies")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-15-anomaly-detection")
    .trigger(processingTime="5 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
