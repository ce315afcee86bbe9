// Imported from QUESTIONS.md (advanced-09-custom-sources-sinks) by scripts/import-questions.mjs; edit here from now on.
// Edited for the page: `import random` (the non-deterministic read), comments that stay true at
// every parameter value (the marked lines change, the comments above them do not).
import type { ProgramTemplate } from '../../core/template';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, Python Data Source API, default parameters',
		api: 'structured',
		template: String.raw`# advanced-09: a custom streaming source and sink written with the Python Data Source API (Spark 4.0+).
import json
import os
import random
import time
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from pyspark.sql import Row, SparkSession
from pyspark.sql.datasource import (
    DataSource,
    DataSourceStreamReader,
    DataSourceStreamWriter,
    InputPartition,
    WriterCommitMessage,
)
from pyspark.sql.types import StructType


@dataclass
class IdRange(InputPartition):
    start: int
    end: int


class SensorStreamReader(DataSourceStreamReader):
    def __init__(self, options: Dict[str, str]) -> None:
        self.rows_per_second = int(options.get("rowsPerSecond", "50"))
        self.num_partitions = int(options.get("numPartitions", "2"))

    def _now(self) -> int:
        # Offsets grow with the clock, so they keep increasing across restarts.
        return int(time.time() * self.rows_per_second)

    def initialOffset(self) -> dict:
        return {"offset": self._now()}

    def latestOffset(self) -> dict:
        return {"offset": self._now()}

    def partitions(self, start: dict, end: dict) -> Sequence[InputPartition]:
        first, last = start["offset"], end["offset"]
        if first >= last:
            return []
        step = max(1, (last - first) // self.num_partitions)
        bounds = list(range(first, last, step)) + [last]
        return [IdRange(lo, hi) for lo, hi in zip(bounds, bounds[1:])]

    def read(self, partition: InputPartition) -> Iterator[Tuple]:
        assert isinstance(partition, IdRange)
        for row_id in range(partition.start, partition.end):
            # A replay must yield the same rows for the same offset range.
            reading = (row_id * 7919 % 1000) / 10.0  # <- deterministicRead
            yield (row_id, f"s-{row_id % 5}", reading)

    def commit(self, end: dict) -> None:
        pass  # Spark will not ask for rows before end again: nothing to clean up here


@dataclass
class CountMessage(WriterCommitMessage):
    rows: int
    total: float


class LedgerStreamWriter(DataSourceStreamWriter):
    def __init__(self, path: str) -> None:
        self.path = path

    def write(self, iterator: Iterator[Row]) -> WriterCommitMessage:
        readings = [row.reading for row in iterator]
        return CountMessage(rows=len(readings), total=sum(readings))

    def commit(self, messages: List[Optional[WriterCommitMessage]], batchId: int) -> None:
        done = [m for m in messages if isinstance(m, CountMessage)]
        rows = sum(m.rows for m in done)
        total = round(sum(m.total for m in done), 1)
        os.makedirs(self.path, exist_ok=True)
        path = os.path.join(self.path, f"batch-{batchId}.json")
        # After a restart Spark may call commit again with the same batchId.
        with open(path, "w") as out:  # <- idempotentCommit
            out.write(json.dumps({"batchId": batchId, "rows": rows, "total": total}) + "\n")

    def abort(self, messages: List[Optional[WriterCommitMessage]], batchId: int) -> None:
        pass  # nothing was made visible: files appear only in commit


class SensorDataSource(DataSource):
    @classmethod
    def name(cls) -> str:
        return "sensors"

    def schema(self) -> str:
        return "id LONG, sensor STRING, reading DOUBLE"

    def streamReader(self, schema: StructType) -> DataSourceStreamReader:
        return SensorStreamReader(self.options)

    def streamWriter(self, schema: StructType, overwrite: bool) -> DataSourceStreamWriter:
        return LedgerStreamWriter(self.options.get("path", "/tmp/playground/out/advanced-09-ledger"))


spark = SparkSession.builder.appName("advanced-09-custom-sources-sinks").getOrCreate()
spark.dataSource.register(SensorDataSource)

readings = (
    spark.readStream.format("sensors")
    .option("rowsPerSecond", 50)  # <- rowsPerSecond
    .option("numPartitions", 2)  # <- numPartitions
    .load()
)

query = (
    readings.writeStream
    .format("sensors")
    .option("path", "/tmp/playground/out/advanced-09-ledger")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-09-custom-sources-sinks")
    .outputMode("append")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
	}
];
