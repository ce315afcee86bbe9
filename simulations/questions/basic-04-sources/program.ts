// Imported from QUESTIONS.md (basic-04-sources) by scripts/import-questions.mjs; edit here from now on.
// The events block is marked `sourceKind`: question.ts rewrites it into each source's variant
// (QUESTIONS.md's variant spans); the file source's comment on .schema moved to question.ts.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-04: one per-device query over a streaming source; the events block says which.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

${sparkSession('basic-04-sources')}

events = (
    spark.readStream.format("json")  # <- sourceKind
    .schema(EVENT_SCHEMA)  # <- sourceKind
    .option("maxFilesPerTrigger", 2)  # <- maxFilesPerTrigger
    .load("/tmp/playground/landing/sensor-events")  # <- sourceKind
)

per_device = events.groupBy("device").agg(
    F.count("*").alias("events"),
    F.avg("reading").alias("avg_reading"),
)

query = (
    per_device.writeStream
    .outputMode("complete")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-04-sources")
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
		template: String.raw`# basic-04 (legacy DStreams): basic sources only; no Kafka DStream in PySpark since 3.0.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-04-dstreams")
ssc = StreamingContext(sc, 2)  # <- triggerInterval

files = ssc.textFileStream("/tmp/playground/landing/sensor-lines")  # new files, moved in atomically
socket_lines = ssc.socketTextStream("localhost", 9999)  # receiver-based: occupies one core
test_batches = ssc.queueStream([["d-1,20.5"], ["d-2,21.0", "d-1,19.5"]])  # one RDD per batch

all_lines = files.union(socket_lines).union(test_batches)
all_lines.map(lambda line: (line.split(",")[0], 1)).reduceByKey(lambda a, b: a + b).pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
