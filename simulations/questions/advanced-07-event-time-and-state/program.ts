// Imported from QUESTIONS.md (advanced-07-event-time-and-state) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sensorEventsPreamble } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-07: two stateful operators, both bounded by the watermark.
${sensorEventsPreamble({ appName: 'advanced-07-event-time-and-state', schema: 'event_id STRING, device STRING, reading DOUBLE, event_time TIMESTAMP' })}

deduplicated = (
    events
    .withWatermark("event_time", "10 seconds")  # <- watermarkDelay
    .dropDuplicatesWithinWatermark(["event_id"])
)

per_window = (
    deduplicated
    .groupBy(F.window("event_time", "10 seconds"), "device")  # <- windowLength
    .agg(F.count("*").alias("events"), F.max("reading").alias("max_reading"))
)

query = (
    per_window.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-07-event-time-and-state")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
