// Imported from QUESTIONS.md (basic-06-checkpoints) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-06: a stateful query whose progress and state live in the checkpoint.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("basic-06-checkpoints")
    .config("spark.sql.shuffle.partitions", "2")  # <- shufflePartitions
    .config("spark.sql.streaming.stateStore.minDeltasForSnapshot", "10")  # <- minDeltasForSnapshot
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .option("startingOffsets", "earliest")  # only used the very first time; restarts use the checkpoint
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_minute = (
    events
    .withWatermark("event_time", "30 seconds")
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    per_minute.writeStream
    .outputMode("append")
    .format("parquet")
    .option("path", "/tmp/playground/out/basic-06-per-minute")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-06-checkpoints")  # <- checkpointEnabled
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
		template: String.raw`# basic-06 (legacy DStreams): metadata + data checkpoints and driver recovery with getOrCreate.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

CHECKPOINT_DIR = "/tmp/playground/checkpoints/basic-06-dstreams"


def create_context():
    sc = SparkContext("local[2]", "basic-06-dstreams")
    ssc = StreamingContext(sc, 2)  # <- triggerInterval
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.map(lambda line: (line.split(",")[0], 1))
    totals = pairs.updateStateByKey(lambda new, old: sum(new) + (old or 0))
    totals.checkpoint(10)  # data checkpoint every 10 s (a multiple of the batch interval) to cut the lineage
    totals.pprint()
    ssc.checkpoint(CHECKPOINT_DIR)  # metadata checkpoint every batch
    return ssc


# First run: builds a new context. After a driver crash: rebuilds it from the checkpoint.
context = StreamingContext.getOrCreate(CHECKPOINT_DIR, create_context)
context.start()
context.awaitTermination()
`
	}
];
