// Imported from QUESTIONS.md (advanced-14-joins-aggregations) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-14: impressions left-outer-joined with clicks, then click-through per ad and minute.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

${sparkSession('advanced-14-joins-aggregations')}

impressions = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "ad-impressions")
    .load()
    .select(F.from_json(F.col("value").cast("string"), "ad_id STRING, impression_time TIMESTAMP").alias("i"))
    .select("i.*")
    .withWatermark("impression_time", "10 seconds")  # <- impressionsWatermark
)

clicks = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "ad-clicks")
    .load()
    .select(F.from_json(F.col("value").cast("string"), "click_ad_id STRING, click_time TIMESTAMP").alias("c"))
    .select("c.*")
    .withWatermark("click_time", "20 seconds")  # <- clicksWatermark
)

joined = impressions.join(
    clicks,
    F.expr(
        "click_ad_id = ad_id AND "
        "click_time >= impression_time AND "
        "click_time <= impression_time + interval 30 seconds"  # <- joinWindow
    ),
    "leftOuter",  # <- joinType
)

click_through = (
    joined
    .groupBy(F.window("impression_time", "1 minute"), "ad_id")
    .agg(
        F.count("*").alias("impressions"),
        F.count("click_time").alias("clicks"),
    )
)

query = (
    click_through.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-14-joins-aggregations")
    .trigger(processingTime="5 seconds")
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy contrast',
		api: 'dstream',
		template: String.raw`# advanced-14 (legacy DStreams): joins only see rows of the same (windowed) batches.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[3]", "advanced-14-dstreams")
ssc = StreamingContext(sc, 5)

impressions = ssc.socketTextStream("localhost", 9998).map(lambda ad_id: (ad_id, 1))
clicks = ssc.socketTextStream("localhost", 9999).map(lambda ad_id: (ad_id, 1))

# Impressions of the last 30 s joined with clicks of the last 30 s, recomputed every 5 s.
joined = impressions.window(30, 5).leftOuterJoin(clicks.window(30, 5))  # <- joinWindow
joined.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
