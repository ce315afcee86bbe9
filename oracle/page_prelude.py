"""Runs page programs (whole PySpark scripts, as `npm run export:pyspark` writes them) on real
Spark, one after another in this process and JVM, with only their outside world swapped, and
writes what happened to each as JSON.

usage: python page_prelude.py RESULTS.json PROGRAM.py[::N]...   (each PROGRAM in its own scratch dir;
N: let its queries run N batches instead of two, for a later program that reads batch N-1)

One JVM for all programs: starting a JVM per program costs more than running it on a shared
machine. A program's `SparkSession.builder...getOrCreate()` gets the shared session (its
runtime settings applied), `SparkContext(...)` the shared context; `stop()` calls on either
are ignored so the next program still has them.

What is swapped, and why the program's own Spark API calls are still what runs:
- `readStream.format("kafka" | "socket")...load()` returns a rate-source stream with the same
  schema (Kafka: key, value, topic, partition, offset, timestamp, timestampType; the value is a
  small JSON object with common field names, so `from_json` finds some of them). No broker or
  socket server is started.
- `writeStream.format("kafka")` and `write.format("kafka")` become the `noop` sink.
- DStreams' `socketTextStream`/`textFileStream` become a `queueStream` of a few lines of words.
- `/tmp/playground` paths were rewritten by the caller to the program's own scratch directory.
- Waiting: `query.awaitTermination()` / `spark.streams.awaitAnyTermination()` wait until the
  query has run two triggers (or finished, or failed), then stop it; `ssc.awaitTermination()`
  lets the streaming context run three batch intervals (at most 20 s), then stops it.
A program that raises, or whose query fails within those triggers, "does not start"; the error
is reported.
"""
from __future__ import annotations

import json
import os
import runpy
import sys
import time
import traceback

os.environ["PYSPARK_PYTHON"] = sys.executable
os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["PYSPARK_SUBMIT_ARGS"] = (
    "--driver-memory 1g --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false "
    f"--driver-java-options -Dlog4j2.configurationFile={HERE}/log4j2.properties pyspark-shell"
)

from pyspark.sql import DataFrame, functions as F  # noqa: E402
from pyspark.sql.readwriter import DataFrameWriter  # noqa: E402
from pyspark.sql.streaming.query import StreamingQuery, StreamingQueryManager  # noqa: E402
from pyspark.sql.streaming.readwriter import DataStreamReader, DataStreamWriter  # noqa: E402

result_path, programs = sys.argv[1], sys.argv[2:]
result: dict = {}
scratch = ""
TRIGGERS = 2
QUERY_WAIT_S = 150
PROGRAM_TIMEOUT_S = 300


def note(what: str) -> None:
    if what not in result["swapped"]:
        result["swapped"].append(what)


# ---- sources --------------------------------------------------------------------------------
_orig_reader_format = DataStreamReader.format
_orig_reader_load = DataStreamReader.load


def reader_format(self: DataStreamReader, source: str) -> DataStreamReader:
    self._oracle_format = source  # type: ignore[attr-defined]
    return _orig_reader_format(self, source)


def rate_stream(self: DataStreamReader) -> DataFrame:
    spark = self._spark  # type: ignore[attr-defined]
    return spark.readStream.format("rate").option("rowsPerSecond", "5").load()


def reader_load(self: DataStreamReader, path: str | None = None, format: str | None = None, schema=None, **options) -> DataFrame:
    fmt = (format or getattr(self, "_oracle_format", "") or "").lower()
    if fmt == "kafka":
        note("kafka source -> rate source with the Kafka schema")
        rate = rate_stream(self)
        payload = F.to_json(F.struct(
            F.concat(F.lit("d"), (F.col("value") % 3).cast("string")).alias("device"),
            F.concat(F.lit("u"), (F.col("value") % 3).cast("string")).alias("user"),
            F.concat(F.lit("u"), (F.col("value") % 3).cast("string")).alias("user_id"),
            F.concat(F.lit("k"), (F.col("value") % 3).cast("string")).alias("key"),
            (F.col("value") % 10).cast("double").alias("reading"),
            (F.col("value") % 10).cast("double").alias("amount"),
            (F.col("value") % 10).cast("double").alias("value"),
            F.col("timestamp").alias("event_time"),
            F.col("timestamp").alias("timestamp"),
            F.lit("click").alias("action"),
        ))
        return rate.select(
            F.lit(None).cast("binary").alias("key"),
            payload.cast("binary").alias("value"),
            F.lit("topic").alias("topic"),
            F.lit(0).alias("partition"),
            F.col("value").alias("offset"),
            F.col("timestamp"),
            F.lit(0).alias("timestampType"),
        )
    if fmt == "socket":
        note("socket source -> rate source with the socket schema")
        rate = rate_stream(self)
        words = F.concat_ws(" ", F.lit("spark"), F.when(F.col("value") % 2 == 0, "stream").otherwise("batch"))
        opts = {k.lower(): v for k, v in getattr(self, "_oracle_options", {}).items()}
        if str(opts.get("includetimestamp", "false")).lower() == "true":
            return rate.select(words.alias("value"), F.col("timestamp"))
        return rate.select(words.alias("value"))
    if path is not None and path.startswith(scratch):
        feed_directory(path, fmt)
    return _orig_reader_load(self, path, format, schema, **options)


def feed_directory(path: str, fmt: str) -> None:
    """A file source the program reads from its (fresh) landing directory: one small file, so
    the query has something to run on. JSON records carry the common field names."""
    os.makedirs(path, exist_ok=True)
    if os.listdir(path) or fmt not in ("json", "text"):
        return
    note(f"empty {fmt} landing directory -> one small file")
    with open(os.path.join(path, "oracle-0.json" if fmt == "json" else "oracle-0.txt"), "w") as fh:
        for i in range(6):
            if fmt == "json":
                fh.write(json.dumps({"device": f"d{i % 3}", "user": f"u{i % 3}", "user_id": f"u{i % 3}",
                                     "key": f"k{i % 3}", "reading": float(i), "amount": float(i), "value": float(i),
                                     "event_time": f"2026-01-01T00:00:{i * 3:02d}Z", "action": "click"}) + "\n")
            else:
                fh.write("spark streaming spark\n")


_orig_reader_option = DataStreamReader.option


def reader_option(self: DataStreamReader, key: str, value) -> DataStreamReader:
    opts = getattr(self, "_oracle_options", {})
    opts[key] = value
    self._oracle_options = opts  # type: ignore[attr-defined]
    return _orig_reader_option(self, key, value)


DataStreamReader.format = reader_format  # type: ignore[method-assign]
DataStreamReader.load = reader_load  # type: ignore[method-assign]
DataStreamReader.option = reader_option  # type: ignore[method-assign]

# ---- sinks ----------------------------------------------------------------------------------
_orig_writer_format = DataStreamWriter.format
_orig_batch_writer_format = DataFrameWriter.format


def writer_format(self: DataStreamWriter, source: str) -> DataStreamWriter:
    if source.lower() == "kafka":
        note("kafka sink -> noop sink")
        source = "noop"
    return _orig_writer_format(self, source)


def batch_writer_format(self: DataFrameWriter, source: str) -> DataFrameWriter:
    if source.lower() == "kafka":
        note("kafka batch write -> noop")
        source = "noop"
    return _orig_batch_writer_format(self, source)


DataStreamWriter.format = writer_format  # type: ignore[method-assign]
DataFrameWriter.format = batch_writer_format  # type: ignore[method-assign]

# ---- waiting --------------------------------------------------------------------------------
started: list[StreamingQuery] = []
_orig_start = DataStreamWriter.start


def start(self: DataStreamWriter, *a, **k) -> StreamingQuery:
    q = _orig_start(self, *a, **k)
    started.append(q)
    return q


DataStreamWriter.start = start  # type: ignore[method-assign]


CONTINUOUS_WAIT_S = 30


def is_continuous(q: StreamingQuery) -> bool:
    try:
        return "Continuous" in str(q._jsq.streamingQuery().getClass().getSimpleName())
    except Exception:
        return False


def executed(q: StreamingQuery) -> int:
    """Executed micro-batches (idle triggers report no addBatch)."""
    return len([p for p in q.recentProgress if "addBatch" in (p.durationMs or {})])


def run_query(q: StreamingQuery) -> None:
    """Let the query run `triggers` executed batches (or finish), then stop it; a failure raises.
    A continuous query has no micro-batches to count: it has started when it is still running
    without an exception after CONTINUOUS_WAIT_S."""
    t0 = time.time()
    continuous = is_continuous(q)
    while time.time() - t0 < (CONTINUOUS_WAIT_S if continuous else query_wait_s):
        if not q.isActive:
            break
        if not continuous and executed(q) >= triggers:
            break
        time.sleep(0.2)
    info = {"name": q.name, "batches": executed(q)}
    if continuous:
        info["continuous"] = f"running without an exception after {CONTINUOUS_WAIT_S} s" if q.isActive else "stopped"
    exc = q.exception()
    if q.isActive:
        q.stop()
    result["queries"].append(info)
    if exc is not None:
        raise RuntimeError(f"query {q.name!r} failed: {exc}")
    if info["batches"] == 0 and not (continuous and exc is None and info["continuous"].startswith("running")):
        raise RuntimeError(f"query {q.name!r} ran no batch within {query_wait_s} s")


def await_termination(self: StreamingQuery, timeout=None):
    run_query(self)
    return True


def await_any(self: StreamingQueryManager, timeout=None):
    for q in list(started):
        if q.isActive or q.exception() is not None:
            run_query(q)
    return True


StreamingQuery.awaitTermination = await_termination  # type: ignore[method-assign]
StreamingQueryManager.awaitAnyTermination = await_any  # type: ignore[method-assign]

# ---- DStreams -------------------------------------------------------------------------------
from pyspark.streaming import StreamingContext  # noqa: E402

LINES = [["spark streaming spark", "a b a"], ["late data", "spark b"], ["a a a", "streaming"]]


def fake_lines(self: StreamingContext, *a, **k):
    note("socketTextStream/textFileStream -> queueStream of a few lines")
    rdds = [self._sc.parallelize(b, 1) for b in LINES]
    return self.queueStream(rdds, default=self._sc.parallelize(["spark"], 1))


StreamingContext.socketTextStream = fake_lines  # type: ignore[method-assign]
StreamingContext.textFileStream = fake_lines  # type: ignore[method-assign]
_orig_ssc_start = StreamingContext.start


def ssc_start(self: StreamingContext) -> None:
    _orig_ssc_start(self)
    result.setdefault("streamingContexts", 0)
    result["streamingContexts"] += 1


def ssc_await(self: StreamingContext, timeout=None) -> None:
    d = self._jssc.ssc().graph().batchDuration().milliseconds() / 1000.0
    time.sleep(min(3 * d + 1, 20))
    self.stop()


_orig_ssc_stop = StreamingContext.stop


def ssc_stop(self: StreamingContext, stopSparkContext: bool = True, stopGraceFully: bool = False) -> None:
    _orig_ssc_stop(self, stopSparkContext=False, stopGraceFully=False)


StreamingContext.stop = ssc_stop  # type: ignore[method-assign]


StreamingContext.start = ssc_start  # type: ignore[method-assign]
StreamingContext.awaitTermination = ssc_await  # type: ignore[method-assign]
StreamingContext.awaitTerminationOrTimeout = lambda self, t: (ssc_await(self), True)[1]  # type: ignore[method-assign]

# ---- one shared session and context --------------------------------------------------------
import signal  # noqa: E402

import pyspark  # noqa: E402
import pyspark.context  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

shared = SparkSession.builder.master("local[2]").appName("oracle-page-programs").getOrCreate()
shared.sparkContext.setLogLevel("FATAL")
_OrigContext = pyspark.context.SparkContext


class SharedContext(_OrigContext):  # type: ignore[misc,valid-type]
    """`SparkContext(...)` in a program: the shared context (not an instance of this class, so
    its __init__ never runs again)."""

    def __new__(cls, *a, **k):  # noqa: D102
        return _OrigContext._active_spark_context


pyspark.SparkContext = SharedContext  # type: ignore[misc]
_OrigContext.stop = lambda self: None  # type: ignore[method-assign]
SparkSession.stop = lambda self: None  # type: ignore[method-assign]


class ProgramTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise ProgramTimeout(f"the program did not finish within {PROGRAM_TIMEOUT_S} s")


signal.signal(signal.SIGALRM, on_alarm)

# ---- run ------------------------------------------------------------------------------------
results = []
triggers, query_wait_s = TRIGGERS, QUERY_WAIT_S
for arg in programs:
    # The shared SparkContext keeps a checkpoint directory an earlier DStream program set
    # (ssc.checkpoint sets it on the context): clear it, so a program that sets none is judged
    # as Spark would judge it alone ("The checkpoint directory has not been set").
    getattr(shared.sparkContext._jsc.sc(), "checkpointDir_$eq")(shared.sparkContext._jvm.scala.Option.empty())
    program, _, n = arg.partition("::")
    triggers = int(n) if n else TRIGGERS
    # A longer run (N batches at a trigger interval of up to ~10 s) gets the time it needs.
    query_wait_s = max(QUERY_WAIT_S, 12 * triggers)
    scratch = os.path.dirname(os.path.abspath(program))
    os.chdir(scratch)
    started.clear()
    result = {"program": os.path.basename(program), "status": "started", "swapped": [], "queries": []}
    t0 = time.time()
    signal.alarm(PROGRAM_TIMEOUT_S + query_wait_s - QUERY_WAIT_S)
    try:
        module = runpy.run_path(program, run_name="__main__")
        # A program written as a test module (advanced-12) is run as pytest would: each test_*.
        for fname, fn in module.items():
            if fname.startswith("test_") and callable(fn):
                fn()
                result.setdefault("tests", []).append(fname)
        for q in started:  # a query the program started but never waited for
            if q.isActive:
                run_query(q)
        if not started and not result.get("streamingContexts") and not result.get("tests"):
            # A batch program (advanced-04's state reader) has no query to start; a streaming
            # program that never started one did not do what it says.
            with open(program, encoding="utf-8") as fh:
                text = fh.read()
            if "readStream" in text or "StreamingContext" in text:
                result["status"] = "failed"
                result["error"] = "the program started no streaming query"
            else:
                note("batch program: ran to the end, no streaming query to start")
    except BaseException as e:  # noqa: BLE001 - the program's own failure is the finding
        result["status"] = "failed"
        result["error"] = f"{type(e).__name__}: {str(e)[:1500]}"
        result["trace"] = traceback.format_exc(limit=6)[-2500:]
    finally:
        signal.alarm(0)
        for q in shared.streams.active:  # nothing of one program runs into the next
            try:
                q.stop()
            except Exception:
                pass
        ssc = StreamingContext.getActive()
        if ssc is not None:
            ssc.stop()
    result["seconds"] = round(time.time() - t0, 1)
    results.append(result)
    print("@@oracle " + json.dumps({"program": result["program"], "status": result["status"], "seconds": result["seconds"],
                      "error": result.get("error", "")[:400]}), flush=True)
    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1)
os._exit(0)
