// Imported from QUESTIONS.md (basic-10-sinks) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sensorEventsPreamble } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-10: windowed counts written to a sink; the sink sets the delivery guarantee.
${sensorEventsPreamble({ appName: 'basic-10-sinks' })}

counts = (
    events
    .withWatermark("event_time", "10 seconds")  # <- watermarkDelay
    .groupBy(F.window("event_time", "10 seconds"), "device")
    .agg(F.count("*").alias("events"))
)

# The sink decides what a batch replayed after a failure does.  # <- sinkKind
query = (
    counts
    .select(
        F.col("device").alias("key"),
        F.to_json(F.struct("window", "device", "events")).alias("value"),
    )
    .writeStream
    .outputMode("update")  # <- outputMode
    .format("kafka")  # <- sinkKind
    .option("kafka.bootstrap.servers", "localhost:9092")  # <- sinkKind
    .option("topic", "device-counts")  # <- sinkKind
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-10-sinks")
    .trigger(processingTime="5 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-10 (legacy DStreams): foreachRDD writing one file per (batch time, partition).
import os

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

OUT_DIR = "/tmp/playground/out/basic-10-dstreams"

sc = SparkContext("local[2]", "basic-10-dstreams")
ssc = StreamingContext(sc, 5)  # <- triggerInterval

lines = ssc.socketTextStream("localhost", 9999)  # lines like "d-3,21.5"
counts = lines.map(lambda line: (line.split(",")[0], 1)).reduceByKey(lambda a, b: a + b)


def write_batch(batch_time, rdd):
    batch_ms = int(batch_time.timestamp() * 1000)

    def write_partition(index, rows):
        # Runs on an executor. One file per (batch, partition): a replay overwrites it.
        os.makedirs(OUT_DIR, exist_ok=True)
        path = os.path.join(OUT_DIR, f"batch-{batch_ms}-part-{index}.csv")
        with open(path, "w") as out:
            for device, count in rows:
                out.write(f"{device},{count}\n")
        return []

    rdd.mapPartitionsWithIndex(write_partition).count()


counts.foreachRDD(write_batch)
counts.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
