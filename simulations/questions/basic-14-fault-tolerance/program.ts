// Imported from QUESTIONS.md (basic-14-fault-tolerance) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-14: replayable source + checkpoint + exactly-once file sink.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

${sparkSession('basic-14-fault-tolerance')}

events = (
    spark.readStream.format("kafka")  # <- sourceKind
    .option("kafka.bootstrap.servers", "localhost:9092")  # <- sourceKind
    .option("subscribe", "sensor-events")  # <- sourceKind
    .option("failOnDataLoss", "true")  # <- sourceKind
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

per_minute = (
    events
    .withWatermark("event_time", "10 seconds")
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    per_minute.writeStream  # <- sinkKind
    .outputMode("append")
    .format("parquet")  # <- sinkKind
    .option("path", "/tmp/playground/out/basic-14-per-minute")  # <- sinkKind
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-14-fault-tolerance")
    .trigger(processingTime="10 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-14 (legacy DStreams): write-ahead log + driver recovery; at-least-once at best.
from pyspark import SparkConf, SparkContext, StorageLevel
from pyspark.streaming import StreamingContext

CHECKPOINT_DIR = "/tmp/playground/checkpoints/basic-14-dstreams"


def create_context():
    conf = (
        SparkConf()
        .setAppName("basic-14-dstreams")
        .set("spark.streaming.receiver.writeAheadLog.enable", "true")
    )
    sc = SparkContext(conf=conf)
    ssc = StreamingContext(sc, 10)
    # With the WAL on, skip in-memory replication: the log is already on reliable storage.
    # (PySpark data is always serialized, so MEMORY_AND_DISK is the guide's MEMORY_AND_DISK_SER.)
    lines = ssc.socketTextStream("localhost", 9999, StorageLevel.MEMORY_AND_DISK)
    counts = lines.map(lambda line: (line.split(",")[0], 1)).reduceByKey(lambda a, b: a + b)
    counts.saveAsTextFiles("/tmp/playground/out/basic-14-dstreams/counts", "txt")  # idempotent per batch time
    ssc.checkpoint(CHECKPOINT_DIR)
    return ssc


ssc = StreamingContext.getOrCreate(CHECKPOINT_DIR, create_context)
ssc.start()
ssc.awaitTermination()
`
	}
];
