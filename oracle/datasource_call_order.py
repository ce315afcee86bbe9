"""The order in which PySpark 4.1 calls a Python streaming data source's and writer's methods.

The engine's order (simulations/structured/datasource/protocol.ts, tests/unit/structured/
datasource-protocol.test.ts) was checked against this script's log. It needs pyarrow beside
PySpark (the Python data source runners import it): `pip install --target DIR pyarrow` and
PYTHONPATH=DIR. Run: PYTHONPATH=DIR .oracle/venv/bin/python oracle/datasource_call_order.py
It prints one line per call, then the checkpoint's offsets/ and commits/ entries.
"""
import os, time, shutil, tempfile
from dataclasses import dataclass
from pyspark.sql import SparkSession
from pyspark.sql.datasource import DataSource, DataSourceStreamReader, DataSourceStreamWriter, InputPartition, WriterCommitMessage

WORK = tempfile.mkdtemp(prefix="ds-order-")
LOG = os.path.join(WORK, "calls.log")
T0 = os.path.join(WORK, "t0")

def log(*parts):
    with open(LOG, "a") as f:
        f.write(" ".join(str(p) for p in parts) + "\n")

@dataclass
class Span(InputPartition):
    lo: int
    hi: int

@dataclass
class Done(WriterCommitMessage):
    n: int

class Reader(DataSourceStreamReader):
    def initialOffset(self):
        log("initialOffset")
        return {"at": 0}
    def latestOffset(self):
        at = min(30, int((time.time() - float(open(T0).read())) * 10))
        log("latestOffset", at)
        return {"at": at}
    def partitions(self, start, end):
        log("partitions", start["at"], end["at"])
        return [Span(lo, min(lo + 10, end["at"])) for lo in range(start["at"], end["at"], 10)]
    def read(self, p):
        log("read", p.lo, p.hi)
        for i in range(p.lo, p.hi):
            yield (i, float(i))
    def commit(self, end):
        log("sourceCommit", end["at"])

class Writer(DataSourceStreamWriter):
    def write(self, rows):
        n = sum(1 for _ in rows)
        log("write", n)
        return Done(n)
    def commit(self, messages, batchId):
        log("writerCommit", batchId, sum(m.n for m in messages))
    def abort(self, messages, batchId):
        log("abort", batchId)

class Counter(DataSource):
    @classmethod
    def name(cls):
        return "counter"
    def schema(self):
        log("schema")
        return "i INT, v DOUBLE"
    def streamReader(self, schema):
        log("streamReader")
        return Reader()
    def streamWriter(self, schema, overwrite):
        log("streamWriter", overwrite)
        return Writer()

spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
spark.dataSource.register(Counter)
open(T0, "w").write(str(time.time()))
q = (spark.readStream.format("counter").load().writeStream.format("counter")
     .option("checkpointLocation", os.path.join(WORK, "ckpt")).trigger(processingTime="1 second").start())
time.sleep(int(os.environ.get("SECONDS_TO_RUN", "60")))
q.stop()
log("--- offsets logged:", sorted(os.listdir(os.path.join(WORK, "ckpt", "offsets"))), "commits:", sorted(os.listdir(os.path.join(WORK, "ckpt", "commits"))))
spark.stop()
print(open(LOG).read())
shutil.rmtree(WORK, ignore_errors=True)
