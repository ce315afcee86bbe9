// Imported from QUESTIONS.md (basic-12-monitoring) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-12: monitor a query with a listener, progress records and Dropwizard metrics.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQueryListener

EVENT_SCHEMA = "device STRING, reading DOUBLE, event_time TIMESTAMP"

spark = (
    SparkSession.builder
    .appName("basic-12-monitoring")
    .config("spark.sql.shuffle.partitions", "8")
    .config("spark.sql.streaming.metricsEnabled", "true")
    .getOrCreate()
)


class ProgressPrinter(StreamingQueryListener):
    def onQueryStarted(self, event):
        print(f"started id={event.id} run={event.runId} name={event.name}")

    def onQueryProgress(self, event):
        p = event.progress
        dropped = sum(op.numRowsDroppedByWatermark for op in p.stateOperators)
        state_rows = sum(op.numRowsTotal for op in p.stateOperators)
        print(
            f"batch={p.batchId} rows={p.numInputRows} "
            f"in/s={p.inputRowsPerSecond:.0f} processed/s={p.processedRowsPerSecond:.0f} "
            f"triggerMs={p.durationMs.get('triggerExecution')} "
            f"watermark={p.eventTime.get('watermark')} state_rows={state_rows} late_dropped={dropped}"
        )

    def onQueryIdle(self, event):
        pass

    def onQueryTerminated(self, event):
        print(f"terminated id={event.id} exception={event.exception}")


spark.streams.addListener(ProgressPrinter())

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
    .observe("ingest", F.count(F.lit(1)).alias("rows"), F.max("event_time").alias("max_event_time"))
)

per_device = (
    events
    .withWatermark("event_time", "30 seconds")  # <- watermarkDelay
    .groupBy(F.window("event_time", "1 minute"), "device")
    .agg(F.count("*").alias("events"), F.avg("reading").alias("avg_reading"))
)

query = (
    per_device.writeStream
    .queryName("per_device_minute")
    .outputMode("update")
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-12-monitoring")
    .trigger(processingTime="5 seconds")  # <- triggerInterval
    .start()
)

print(query.status)  # e.g. {'message': 'Waiting for data to arrive', 'isDataAvailable': False, 'isTriggerActive': False}
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-12 (legacy DStreams): a StreamingListener reporting batch delays.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.listener import StreamingListener


class BatchDelays(StreamingListener):
    def onBatchCompleted(self, batchCompleted):
        info = batchCompleted.batchInfo()
        print(
            f"records={info.numRecords()} schedulingDelay={info.schedulingDelay()}ms "
            f"processingDelay={info.processingDelay()}ms totalDelay={info.totalDelay()}ms"
        )


sc = SparkContext("local[2]", "basic-12-dstreams")
ssc = StreamingContext(sc, 5)  # <- triggerInterval
ssc.addStreamingListener(BatchDelays())

lines = ssc.socketTextStream("localhost", 9999)
lines.map(lambda line: (line.split(",")[0], 1)).reduceByKey(lambda a, b: a + b).pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
