"""Scenario inputs on real Spark.

Memory inputs (the list form and `kind: "memory"`) all share ONE MemoryStream[String] through
the JVM gateway: each row travels as a JSON line tagged with its input's name, and each input's
DataFrame filters its tag and parses the row back with its declared schema. One shared stream
is what makes a group of consecutive `addData` steps a single micro-batch (one `addData` call
on one source cannot be split by the running query, while adds to two MemoryStreams can), and
it gives each batch one input partition, as Spark's suites feed. Filtering and parsing are
stateless projections before any operator of the program, so they change no result, state
count or watermark. A timestamp travels as microseconds and is rebuilt with timestamp_micros.

File inputs write one new file per `addData` step into a directory the scenario owns.

Kafka inputs (`kind: "kafka"`) read a real broker (kafka_broker.py): the scenario's topics are
created fresh with their partition counts, each `addData` entry is produced to its topic (and
partition, when given), and the source is Spark's own Kafka source with the scenario's options
and the broker's address.
"""
from __future__ import annotations

import json
import os
import time
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

MEMORY_STREAM = "org.apache.spark.sql.execution.streaming.runtime.MemoryStream"
TAG = "__oracle_input"
SIMPLE_TYPES = {"long", "int", "double", "string", "boolean", "timestamp", "float", "short", "byte"}


class Unsupported(Exception):
    """A scenario feature real Spark cannot be driven to reproduce here; the message says why."""


def _wrap(jdf: Any, spark: SparkSession) -> DataFrame:
    from pyspark.sql.classic.dataframe import DataFrame as ClassicDataFrame
    return ClassicDataFrame(jdf, spark)


class MemoryInputs:
    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        jvm = spark._jvm
        enc = jvm.org.apache.spark.sql.Encoders.STRING()
        ms_class = getattr(jvm, MEMORY_STREAM)
        self.stream = ms_class.apply(enc, spark._jsparkSession)
        self.base = _wrap(self.stream.toDF(), spark)
        self.columns: dict[str, list[tuple[str, str]]] = {}
        self.pending: list[str] = []
        self.has_pending = False
        self.target = -1  # the stream's offset after the last flush (LongOffset, from 0)

    def frame(self, name: str, columns: list) -> DataFrame:
        cols = [(str(c), str(t)) for c, t in columns]
        for _, t in cols:
            if t not in SIMPLE_TYPES:
                raise Unsupported(f"input column type {t!r} is not one the harness encodes")
        self.columns[name] = cols
        wire = ", ".join(f"`{c}` {'long' if t == 'timestamp' else t}" for c, t in cols)
        parsed = self.base.select(F.from_json("value", f"`{TAG}` string, {wire}").alias("r"))
        picked = parsed.where(F.col(f"r.`{TAG}`") == F.lit(name))
        out = []
        for c, t in cols:
            col = F.col(f"r.`{c}`")
            out.append((F.timestamp_micros(col) if t == "timestamp" else col).alias(c))
        return picked.select(*out)

    def add(self, name: str, rows: list) -> None:
        """Buffered until the next step that processes input: consecutive adds are one batch."""
        cols = self.columns[name]
        for r in rows:
            rec: dict[str, Any] = {TAG: name}
            for (c, t), v in zip(cols, r):
                rec[c] = None if v is None else (round(v * 1_000_000) if t == "timestamp" else v)
            self.pending.append(json.dumps(rec))
        self.has_pending = True

    def flush(self) -> None:
        if not self.has_pending:
            return
        jvm = self.spark._jvm
        jlist = jvm.java.util.ArrayList()
        for line in self.pending:
            jlist.add(line)
        # A mutable Buffer is only IterableOnce, so Py4J picks addData(IterableOnce) unambiguously.
        off = self.stream.addData(jvm.scala.jdk.javaapi.CollectionConverters.asScala(jlist))
        self.target = int(str(off.json()))
        self.pending = []
        self.has_pending = False


class FileInput:
    """`kind: "files"`: each addData writes one new file, read in the order added."""

    def __init__(self, spark: SparkSession, root: str, name: str, spec: dict) -> None:
        self.dir = os.path.join(root, f"input-{name}")
        os.makedirs(self.dir, exist_ok=True)
        self.format = spec.get("format", "text")
        self.columns = [(str(c), str(t)) for c, t in spec.get("columns", [["value", "string"]])]
        self.count = 0
        self.rows = 0  # rows written so far: the harness waits until Spark has read them
        self.epoch = int(time.time()) - 3600
        schema = ", ".join(f"`{c}` {t}" for c, t in self.columns)
        reader = spark.readStream.format(self.format).schema(schema)
        for k, v in (spec.get("options") or {}).items():
            reader = reader.option(k, str(v))
        self.df = reader.load(self.dir)

    def add(self, rows: list) -> None:
        # Written under a dot name then renamed: the source never sees a half-written file, and
        # distinct modification order follows the counter in the name.
        name = f"part-{self.count:05d}.{'txt' if self.format == 'text' else self.format}"
        tmp = os.path.join(self.dir, "." + name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for r in rows:
                if self.format == "text":
                    f.write(f"{r[0]}\n")
                elif self.format == "json":
                    f.write(json.dumps({c: v for (c, _), v in zip(self.columns, r)}) + "\n")
                else:
                    raise Unsupported(f"file input format {self.format!r} is not written by the harness")
        final = os.path.join(self.dir, name)
        os.rename(tmp, final)
        self.rows += len(rows)
        # The source orders new files by modification time: make that order the order of adds.
        stamp = self.epoch + self.count
        os.utime(final, (stamp, stamp))
        self.count += 1


class KafkaInput:
    """`kind: "kafka"`: the scenario's topics on the oracle's broker, read by Spark's Kafka source."""

    def __init__(self, spark: SparkSession, topics_admin: Any, spec: dict) -> None:
        self.admin = topics_admin
        self.topics = {str(t): int(n) for t, n in (spec.get("topics") or {}).items()}
        self.admin.reset(self.topics)
        self.produced: dict[tuple[str, int], int] = {}
        reader = spark.readStream.format("kafka").option("kafka.bootstrap.servers", topics_admin.bootstrap)
        for k, v in (spec.get("options") or {}).items():
            reader = reader.option(k, str(v))
        self.df = reader.load()

    def add(self, entries: list) -> None:
        recs = []
        for e in entries:
            for v in e.get("values", []):
                recs.append((e["topic"], e.get("partition"), None, e.get("key"), None if v is None else str(v)))
        self.admin.send(recs)
        for t in {e["topic"] for e in entries}:
            for p, off in self.admin.end_offsets(t).items():
                self.produced[(t, p)] = off

    def add_partitions(self, spec: dict) -> None:
        """addPartitions: {"topic": t, "partitions": total} (FORMAT-ADDITIONS)."""
        self.admin.add_partitions(spec["topic"], int(spec["partitions"]))

    def caught_up(self, progress: list[dict]) -> bool:
        """Whether some executed batch's Kafka end offset covers everything produced."""
        if not self.produced:
            return True
        best: dict[tuple[str, int], int] = {}
        for p in progress:
            for src in p.get("sources") or []:
                if not src.get("description", "").startswith("Kafka"):
                    continue
                end = src.get("endOffset")
                if isinstance(end, str):
                    try:
                        end = json.loads(end)
                    except ValueError:
                        continue
                for t, parts in (end or {}).items():
                    for part, off in parts.items():
                        k = (t, int(part))
                        best[k] = max(best.get(k, -1), int(off))
        return all(best.get(k, -1) >= off for k, off in self.produced.items())
