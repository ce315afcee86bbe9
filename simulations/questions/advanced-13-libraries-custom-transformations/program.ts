// Imported from QUESTIONS.md (advanced-13-libraries-custom-transformations) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-13: one transformation as a built-in, a Python UDF, an Arrow UDF and a pandas UDF.
import pandas as pd

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import pandas_udf, udf
from pyspark.sql.types import DoubleType

spark = (
    SparkSession.builder
    .appName("advanced-13-libraries-custom-transformations")
    .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")  # <- arrowBatchSize
    .getOrCreate()
)


@udf(returnType=DoubleType())
def to_fahrenheit_udf(celsius):
    # Row at a time, in a Python worker.
    return None if celsius is None else celsius * 9.0 / 5.0 + 32.0


@udf(returnType=DoubleType(), useArrow=True)
def to_fahrenheit_arrow(celsius):
    # Same row-at-a-time code, rows moved with Arrow.
    return None if celsius is None else celsius * 9.0 / 5.0 + 32.0


@pandas_udf(DoubleType())
def to_fahrenheit_pandas(celsius: pd.Series) -> pd.Series:
    # Vectorized over an Arrow batch.
    return celsius * 9.0 / 5.0 + 32.0


readings = (
    spark.readStream.format("rate")
    .option("rowsPerSecond", 5000)  # <- eventRate
    .load()
    .withColumn("sensor", F.concat(F.lit("s-"), (F.col("value") % 10).cast("string")))
    .withColumn("celsius", (F.col("value") % 40).cast("double"))
)

converted = readings.withColumn("fahrenheit", to_fahrenheit_pandas("celsius"))  # <- transformKind

query = (
    converted.select("timestamp", "sensor", "celsius", "fahrenheit")
    .writeStream
    .outputMode("append")
    .format("console")
    .option("numRows", 5)
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-13-libraries-custom-transformations")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
