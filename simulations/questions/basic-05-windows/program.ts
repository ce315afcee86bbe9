// Imported from QUESTIONS.md (basic-05-windows) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sensorEventsPreamble } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-05: event-time windows over Kafka sensor events.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:<your Spark 4.x version> app.py
${sensorEventsPreamble({ appName: 'basic-05-windows', latest: true })}

windowed = (
    events
    .withWatermark("event_time", "10 seconds")  # <- watermarkDelay
    .groupBy(
        F.window(
            "event_time",
            "10 seconds",  # <- windowLength
            "5 seconds",  # <- slide
        ),
        "device",
    )
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    windowed.writeStream
    .outputMode("update")  # <- outputMode
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-05-windows")
    .trigger(processingTime="5 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-05 (legacy DStreams): windows over arrival batches; no event time, no watermark.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-05-windows-dstreams")
ssc = StreamingContext(sc, 5)  # batch interval; window and slide must be multiples of it
ssc.checkpoint("/tmp/playground/checkpoints/basic-05-dstreams")  # required by the inverse function

lines = ssc.socketTextStream("localhost", 9999)  # lines like "d-3,21.5"
pairs = lines.map(lambda line: (line.split(",")[0], 1))
windowed = pairs.reduceByKeyAndWindow(
    lambda a, b: a + b,
    lambda a, b: a - b,
    10,  # <- windowLength
    5,  # <- slide
)
windowed.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
