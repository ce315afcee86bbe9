// Imported from QUESTIONS.md (advanced-10-backpressure) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'DStreams, legacy; default parameters',
		api: 'dstream',
		template: String.raw`# advanced-10: DStream backpressure with the PID rate estimator.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = (
    SparkConf()
    .setMaster("local[4]")
    .setAppName("advanced-10-backpressure")
    .set("spark.streaming.backpressure.enabled", "true")  # <- backpressureEnabled
    .set("spark.streaming.backpressure.initialRate", "1000")  # first batch, before any estimate
    .set("spark.streaming.receiver.maxRate", "20000")  # hard ceiling per receiver
    .set("spark.streaming.backpressure.pid.proportional", "1.0")
    .set("spark.streaming.backpressure.pid.integral", "0.2")
    .set("spark.streaming.backpressure.pid.derived", "0.0")
    .set("spark.streaming.backpressure.pid.minRate", "100")
)
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 2)  # <- batchInterval

lines = ssc.socketTextStream("localhost", 9999)  # lines like "d-3,21.5"
readings = lines.map(lambda line: line.split(",")).map(lambda f: (f[0], float(f[1])))
averages = readings.mapValues(lambda v: (v, 1)).reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1]))
averages.mapValues(lambda s: s[0] / s[1]).pprint()

ssc.start()
ssc.awaitTermination()
`
	},
	{
		id: 'structured',
		label: 'Structured Streaming: rate limiting instead of backpressure',
		api: 'structured',
		template: String.raw`# advanced-10 (Structured Streaming): no PID controller; bound each micro-batch instead.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = SparkSession.builder.appName("advanced-10-structured").getOrCreate()

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .option("maxOffsetsPerTrigger", 5000)  # <- maxOffsetsPerTrigger
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)

averages = events.groupBy("device").agg(F.avg("reading").alias("avg_reading"))

query = (
    averages.writeStream
    .outputMode("update")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-10-structured")
    .trigger(processingTime="2 seconds")  # <- batchInterval
    .start()
)
query.awaitTermination()
`
	}
];
