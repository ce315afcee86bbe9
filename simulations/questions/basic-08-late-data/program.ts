// Imported from QUESTIONS.md (basic-08-late-data) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sensorEventsPreamble } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-08: bounded lateness with a watermark; late rows beyond it are dropped.
${sensorEventsPreamble({ appName: 'basic-08-late-data', latest: true })}

counts = (
    events
    .withWatermark("event_time", "5 seconds")  # <- watermarkDelay
    .groupBy(F.window("event_time", "10 seconds"), "device")  # <- windowLength
    .count()
)

query = (
    counts.writeStream
    .outputMode("append")  # <- outputMode
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-08-late-data")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy contrast',
		api: 'dstream',
		template: String.raw`# basic-08 (legacy DStreams): no event time; a late event is counted in the batch it arrives in.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-08-dstreams")
ssc = StreamingContext(sc, 2)

lines = ssc.socketTextStream("localhost", 9999)  # lines like "d-3,21.5,2026-01-01T10:00:03Z"
pairs = lines.map(lambda line: (line.split(",")[0], 1))
# Tumbling 10-second windows of *arrival* time: the event time in the line is never looked at.
windowed = pairs.reduceByKeyAndWindow(
    lambda a, b: a + b,
    None,  # no inverse function, so no checkpoint is required
    10,  # <- windowLength
    # slide = window length, so the windows tumble
    10,  # <- windowLength
)
windowed.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
