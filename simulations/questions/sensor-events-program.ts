/**
 * The opening most pages' programs share: the imports, the sensor events' JSON schema, a
 * SparkSession named for the page, and the Kafka read of `sensor-events` parsed into columns
 * (`events`). One builder, so a change to how the pages read the topic is made once; each
 * program keeps its own first comment line and everything after `events`.
 */
export interface SensorEventsOptions {
	/** The SparkSession's appName (the page's slug). */
	readonly appName: string;
	/** The value's schema, when a page's events carry more than device, reading and time. */
	readonly schema?: string;
	/** Read only what arrives after the start, as a page run from an empty topic does. */
	readonly latest?: boolean;
}

export const SENSOR_EVENT_SCHEMA = 'device STRING, reading DOUBLE, event_time TIMESTAMP';

export function sensorEventsPreamble(o: SensorEventsOptions): string {
	return `from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "${o.schema ?? SENSOR_EVENT_SCHEMA}"

spark = (
    SparkSession.builder
    .appName("${o.appName}")
    .config("spark.sql.shuffle.partitions", "4")
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
${o.latest ? '    .option("startingOffsets", "latest")\n' : ''}    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)`;
}
