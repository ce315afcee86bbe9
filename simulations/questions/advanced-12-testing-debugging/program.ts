// Imported from QUESTIONS.md (advanced-12-testing-debugging) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'pytest module, default parameters',
		api: 'structured',
		template: String.raw`# advanced-12: a deterministic streaming test with a file source, the memory sink and processAllAvailable.
import json
import os
import tempfile

import pytest
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

EVENT_SCHEMA = "device STRING, event_time TIMESTAMP"


def windowed_counts(events: DataFrame) -> DataFrame:
    """The logic under test: used unchanged by the production query."""
    return (
        events
        .withWatermark("event_time", "10 seconds")  # <- watermarkDelay
        .groupBy(F.window("event_time", "10 seconds"), "device")  # <- windowLength
        .count()
    )


def add_data(staging: str, landing: str, name: str, rows: list) -> None:
    staged = os.path.join(staging, name)
    with open(staged, "w") as out:
        for device, event_time in rows:
            out.write(json.dumps({"device": device, "event_time": event_time}) + "\n")
    os.replace(staged, os.path.join(landing, name))  # files must appear atomically


def start_query(spark: SparkSession, landing: str, root: str) -> StreamingQuery:
    """The query under test: files from landing, results in the memory table "counts"."""
    events = spark.readStream.schema(EVENT_SCHEMA).json(landing)
    return (
        windowed_counts(events).writeStream
        .format("memory")
        .queryName("counts")
        .outputMode("append")  # <- outputMode
        .option("checkpointLocation", os.path.join(root, "checkpoint"))
        .start()
    )


@pytest.fixture
def spark_session():
    """One local session for the module's tests: getOrCreate hands every test the same one."""
    session = (
        SparkSession.builder.master("local[2]")
        .appName("advanced-12-testing-debugging")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session


def test_append_emits_window_after_watermark(spark_session: SparkSession) -> None:
    root = tempfile.mkdtemp()
    staging = os.path.join(root, "staging")
    landing = os.path.join(root, "landing")
    os.makedirs(staging)
    os.makedirs(landing)

    query = start_query(spark_session, landing, root)
    try:
        add_data(staging, landing, "step-0.json", [("d1", "2026-01-01T00:00:01Z"), ("d1", "2026-01-01T00:00:04Z")])
        query.processAllAvailable()
        assert spark_session.table("counts").count() == 0  # window [00:00:00, 00:00:10) is still open
        # query.stop()  # <- includeRestart
        # query = start_query(spark_session, landing, root)  # <- includeRestart

        add_data(staging, landing, "step-1.json", [("d1", "2026-01-01T00:00:25Z")])
        query.processAllAvailable()  # includes the no-data batch that closes the first window
        actual = [
            (row["start"], row["device"], row["count"])
            for row in spark_session.table("counts")
            .select(F.col("window.start").cast("string").alias("start"), "device", "count")
            .collect()
        ]
        assert actual == [("2026-01-01 00:00:00", "d1", 2)]  # the closed window, emitted once

        print(query.lastProgress)  # rows, durations, watermark, state rows of the last batch
        query.explain()  # the incremental plan with its stateful operators
    finally:
        query.stop()
`
	}
];
