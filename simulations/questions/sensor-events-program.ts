/**
 * The openings the pages' programs share, built once: the SparkSession most of them start, and
 * for the sensor-event pages the whole opening (imports, the events' JSON schema, the session,
 * the Kafka read of `sensor-events` parsed into columns as `events`). Each program keeps its own
 * first comment line and everything after. Programs stay byte-identical to their text before.
 */
export interface SensorEventsOptions {
	/** The SparkSession's appName (the page's slug). */
	readonly appName: string;
	/** The value's schema, when a page's events carry more than device, reading and time. */
	readonly schema?: string;
	/** Read only what arrives after the start, as a page run from an empty topic does. */
	readonly latest?: boolean;
}

/** `spark = (SparkSession.builder…)`: a session named for the page with 4 shuffle partitions, as
 *  most pages' programs start one. */
export const sparkSession = (appName: string): string => `spark = (
    SparkSession.builder
    .appName("${appName}")
    .config("spark.sql.shuffle.partitions", "4")
    .getOrCreate()
)`;

export const SENSOR_EVENT_SCHEMA = 'device STRING, reading DOUBLE, event_time TIMESTAMP';

export function sensorEventsPreamble(o: SensorEventsOptions): string {
	return `from pyspark.sql import SparkSession
from pyspark.sql import functions as F

EVENT_SCHEMA = "${o.schema ?? SENSOR_EVENT_SCHEMA}"

${sparkSession(o.appName)}

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "sensor-events")
${o.latest ? '    .option("startingOffsets", "latest")\n' : ''}    .load()
    .select(F.from_json(F.col("value").cast("string"), EVENT_SCHEMA).alias("e"))
    .select("e.*")
)`;
}
