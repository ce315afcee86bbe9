// Imported from QUESTIONS.md (basic-02-pyspark-streaming-support) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# basic-02: the Structured Streaming word count over a socket.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

${sparkSession('basic-02-pyspark-streaming-support')}

lines = (
    spark.readStream.format("socket")
    .option("host", "localhost")
    .option("port", 9999)
    .load()
)
words = lines.select(F.explode(F.split(F.col("value"), " ")).alias("word"))
word_counts = words.groupBy("word").count()

query = (
    word_counts.writeStream
    .outputMode("complete")  # <- outputMode
    .format("console")
    .option("checkpointLocation", "/tmp/playground/checkpoints/basic-02-pyspark-streaming-support")
    .trigger(processingTime="1 second")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	},
	{
		id: 'dstream',
		label: 'DStreams, legacy',
		api: 'dstream',
		template: String.raw`# basic-02 (legacy DStreams): counts per batch, not running totals.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "basic-02-dstreams")
ssc = StreamingContext(sc, 1)  # <- triggerInterval

lines = ssc.socketTextStream("localhost", 9999)
counts = (
    lines.flatMap(lambda line: line.split(" "))
    .map(lambda word: (word, 1))
    .reduceByKey(lambda a, b: a + b)
)
counts.pprint()

ssc.start()
ssc.awaitTermination()
`
	}
];
