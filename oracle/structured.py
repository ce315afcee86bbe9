"""Runs one Structured Streaming scenario (shared/conformance/FORMAT.md and FORMAT-ADDITIONS.md)
on real Spark, step by step, the way Spark's StreamTest drives a query.

The program's own `.start()` is intercepted while its code runs: the harness keeps the
DataStreamWriter and starts it itself, with a checkpoint directory of its own and, for a
memory-like sink, a foreachBatch function that captures each batch's rows with MemorySink's
rule (a batch id at or below the last one stored is a re-delivery and is skipped). A program's
own foreachBatch is wrapped so the harness sees every executed batch id. File sinks keep their
format and write under the scenario's directory.

Every step is run and Spark's actual value recorded even after a mismatch, so a disagreeing
scenario can be rewritten with Spark's own output as its expectation.
"""
from __future__ import annotations

import copy
import json
import os
import threading
from typing import Any, Callable

from pyspark.sql import SparkSession
from pyspark.sql.streaming.readwriter import DataStreamWriter

from inputs import FileInput, KafkaInput, MemoryInputs, Unsupported
from values import row_to_json, rows_match, sets_match, show

PROCESSING_STEPS = {"checkNewAnswer", "checkLastBatch", "checkAnswer", "processAllAvailable",
                    "assertWatermark", "expectFailure", "checkRecorded", "assertBatchIds"}
FILE_SINKS = {"parquet", "json", "csv", "text", "orc"}
STEP_TIMEOUT_S = 120
# The broker's topic admin (kafka_broker.Topics) when run_scenarios started one, else why not.
KAFKA: Any = None
KAFKA_WHY_NOT = "no broker was started"


class StepFailure(Exception):
    pass


def error_text(e: BaseException) -> str:
    """What Spark says: PySpark's exceptions print `[CONDITION] message`; a Py4J error its
    Java exception's message."""
    text = str(e)
    java = getattr(e, "java_exception", None)
    if java is not None:
        try:
            text += "\n" + str(java.toString())
        except Exception:  # the gateway may be gone; the Python text is enough
            pass
    return text


def unsupported_reason(s: dict) -> str | None:
    if s.get("clock") == "manual":
        return ("manual clock: Spark's StreamManualClock lives in its test jars, not in the "
                "PySpark distribution, so trigger times cannot be stepped")
    for name, spec in s["inputs"].items():
        kind = spec.get("kind") if isinstance(spec, dict) else "memory"
        if kind == "kafka" and KAFKA is None:
            return f"input {name!r} reads Kafka: {KAFKA_WHY_NOT}"
        if kind not in ("memory", "files", "rate", "rate-micro-batch", "kafka"):
            return f"input {name!r} has kind {kind!r}, which the harness does not know"
    begun = False
    for st in s["steps"]:
        k = next(iter(st))
        if k == "advanceClock":
            return f"step {k} needs a manual clock"
        if k == "setGlobal" and begun:
            # PySpark pickles a Python function with the globals it reads when the query's plan
            # is built, so workers of a running query never see a later assignment (the JVM
            # static flag the Scala test flips has no PySpark counterpart).
            return ("setGlobal after the query started: PySpark ships user functions pickled with "
                    "their globals when the plan is built, so a running query cannot see the change")
        if k != "addData" and k != "setGlobal":
            begun = True
    return None


class Capture:
    """What the sink received, as the TypeScript runner tracks it."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.lock = threading.Lock()
        self.batch_ids: list[int] = []      # every executed batch, re-runs included
        self.clear()

    def clear(self) -> None:
        self.latest: int | None = None
        self.all: list = []
        self.since_check: list = []
        self.complete_since_check: list | None = None
        self.last_batch: list = []

    def memory_batch(self, batch_id: int, rows: list) -> None:
        with self.lock:
            self.batch_ids.append(batch_id)
            if self.latest is not None and batch_id <= self.latest:
                return  # MemorySink: "Skipping already committed batch"
            self.latest = batch_id
            self.last_batch = rows
            if self.mode == "complete":
                self.all = rows
                self.complete_since_check = rows
            else:
                self.all.extend(rows)
                self.since_check.extend(rows)


class Interceptor:
    """Patches DataStreamWriter while the program's code runs, to keep its writer unstarted."""

    def __init__(self) -> None:
        self.writer: DataStreamWriter | None = None
        self.start_args: dict = {}
        self.user_batch_fn: Callable | None = None
        self.trigger: dict | None = None
        self.format: str | None = None
        self.options: dict = {}
        self.orig = {n: getattr(DataStreamWriter, n) for n in ("start", "foreachBatch", "trigger", "format", "option", "toTable")}

    def __enter__(self) -> "Interceptor":
        me = self
        orig = self.orig

        def start(w, path=None, format=None, outputMode=None, partitionBy=None, queryName=None, **options):
            me.writer = w
            me.start_args = dict(path=path, format=format, outputMode=outputMode,
                                 partitionBy=partitionBy, queryName=queryName, options=options)
            return _Unstarted()

        def to_table(w, *a, **k):
            raise Unsupported("toTable sinks are not captured by the harness")

        def foreach_batch(w, fn):
            me.user_batch_fn = fn
            return orig["foreachBatch"](w, fn)

        def trigger(w, **kw):
            me.trigger = kw
            return orig["trigger"](w, **kw)

        def fmt(w, source):
            me.format = source
            return orig["format"](w, source)

        def option(w, key, value):
            me.options[key] = value
            return orig["option"](w, key, value)

        for n, f in (("start", start), ("foreachBatch", foreach_batch), ("trigger", trigger),
                     ("format", fmt), ("option", option), ("toTable", to_table)):
            setattr(DataStreamWriter, n, f)
        return self

    def __exit__(self, *exc: Any) -> None:
        for n, f in self.orig.items():
            setattr(DataStreamWriter, n, f)


class _Unstarted:
    """Stands for the StreamingQuery the program's `query = ...start()` would get."""

    def __getattr__(self, name: str) -> Any:
        return lambda *a, **k: None


class StructuredRun:
    def __init__(self, spark: SparkSession, s: dict, workdir: str) -> None:
        self.spark = spark
        self.s = s
        self.workdir = workdir
        self.checkpoint = os.path.join(workdir, "checkpoint")
        self.sink_dir = os.path.join(workdir, "sink")
        self.recorded: dict = {}
        self.progress: list[dict] = []
        self.seen_progress: set = set()
        self.query = None
        self.start_error: str | None = None
        self.runtime_error: str | None = None
        self.steps_out: list[dict] = []

    # ---- setup --------------------------------------------------------------------------
    def prepare(self) -> None:
        self.memory = MemoryInputs(self.spark)
        self.files: dict[str, FileInput] = {}
        self.kafka: dict[str, KafkaInput] = {}
        ns: dict[str, Any] = {"__name__": "__oracle_scenario__", "spark": self.spark, "recorded": self.recorded}
        for name, spec in self.s["inputs"].items():
            if isinstance(spec, list):
                ns[name] = self.memory.frame(name, spec)
            elif spec.get("kind") == "memory":
                ns[name] = self.memory.frame(name, spec["columns"])
            elif spec.get("kind") == "files":
                fi = FileInput(self.spark, self.workdir, name, spec)
                self.files[name] = fi
                ns[name] = fi.df
            elif spec.get("kind") == "kafka":
                ki = KafkaInput(self.spark, KAFKA, spec)
                self.kafka[name] = ki
                ns[name] = ki.df
            else:  # rate, rate-micro-batch: Spark's own source, no addData
                reader = self.spark.readStream.format(spec["kind"])
                for k, v in (spec.get("options") or {}).items():
                    reader = reader.option(k, str(v))
                ns[name] = reader.load()
        self.ns = ns
        self.icpt = Interceptor()
        try:
            with self.icpt:
                exec(compile(self.s["code"], f"<{self.s['id']}>", "exec"), ns)
        except Unsupported:
            raise
        except Exception as e:  # an analysis error raised while the program is built
            self.start_error = error_text(e)
            return
        if self.icpt.writer is None:
            raise Unsupported("the program never calls .start() on a writeStream chain")
        fmt = (self.icpt.start_args.get("format") or self.icpt.format or "").lower()
        if self.icpt.user_batch_fn is not None:
            self.sink = "foreachBatch"
        elif fmt in FILE_SINKS:
            self.sink = "file"
            self.sink_format = fmt
        else:
            self.sink = "memory"
        mode = (self.icpt.start_args.get("outputMode") or self._writer_mode() or "append").lower()
        self.capture = Capture(mode)

    def _writer_mode(self) -> str | None:
        try:
            return str(self.icpt.writer._jwrite.outputMode().toString())  # type: ignore[union-attr]
        except Exception:
            return None

    # ---- query lifecycle ----------------------------------------------------------------
    def start(self, trigger: dict | None = None, wait_first: bool = False) -> None:
        """Starts the kept writer from the scenario's checkpoint. `trigger` overrides the
        program's for this run (startStream's `trigger`)."""
        if self.start_error is not None:
            return
        self.stop()
        self.memory.flush()
        w = self.icpt.writer
        orig = self.icpt.orig
        cap = self.capture
        orig["option"](w, "checkpointLocation", self.checkpoint)
        if self.sink == "memory":
            def memory_sink(df, batch_id):
                cap.memory_batch(batch_id, [row_to_json(r) for r in df.collect()])
            orig["foreachBatch"](w, memory_sink)
        elif self.sink == "foreachBatch":
            user = self.icpt.user_batch_fn

            def wrapped(df, batch_id):
                with cap.lock:
                    cap.batch_ids.append(batch_id)
                user(df, batch_id)
            orig["foreachBatch"](w, wrapped)
        else:
            # File sink: StreamTest's checks need batch ids too; read them from progress.
            pass
        trig = trigger or self.icpt.trigger or {"processingTime": "0 seconds"}
        orig["trigger"](w, **trig)
        a = self.icpt.start_args
        opts = {k: v for k, v in (a.get("options") or {}).items() if k not in ("path", "checkpointLocation")}
        kwargs: dict[str, Any] = dict(outputMode=a.get("outputMode"), partitionBy=a.get("partitionBy"), **opts)
        if self.sink == "file":
            kwargs.update(path=self.sink_dir, format=self.sink_format)
        try:
            self.query = orig["start"](w, **{k: v for k, v in kwargs.items() if v is not None})
        except Exception as e:
            if self.query is None and not self.progress:
                self.start_error = error_text(e)
            else:
                self.runtime_error = error_text(e)
            return
        if trig.get("once") or trig.get("availableNow"):
            self._await(lambda q: q.awaitTermination())
        elif wait_first:
            self._drain()

    def _await(self, how: Callable) -> None:
        q = self.query
        if q is None:
            return
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            q.stop()
        timer = threading.Timer(STEP_TIMEOUT_S, expire)
        timer.start()
        try:
            how(q)
        except Exception as e:
            self.runtime_error = error_text(e)
        finally:
            timer.cancel()
            self._collect_progress()
        if fired.is_set():
            raise Unsupported(f"a step did not finish within {STEP_TIMEOUT_S} s on Spark; the harness stopped it")

    def stop(self) -> None:
        q = self.query
        if q is not None:
            self._collect_progress()
            try:
                q.stop()
            except Exception as e:
                self.runtime_error = self.runtime_error or error_text(e)
            self._collect_progress()
            self.query = None

    def running(self) -> bool:
        return self.query is not None and self.query.isActive

    def _collect_progress(self) -> None:
        q = self.query
        if q is None:
            return
        for p in q._jsq.recentProgress():
            d = json.loads(p.json())
            if "addBatch" not in (d.get("durationMs") or {}):
                continue  # an idle event (a trigger that ran no batch), not an executed batch
            key = (d.get("runId"), d.get("batchId"), d.get("timestamp"))
            if key in self.seen_progress:
                continue
            self.seen_progress.add(key)
            self.progress.append(d)
            if self.sink == "file":
                self.capture.batch_ids.append(d.get("batchId"))

    def process(self) -> None:
        """Process all available input, as a check step does; a failure fails the step."""
        if self.start_error is not None:
            raise StepFailure(f"query failed to start: {self.start_error}")
        if self.runtime_error is not None:
            raise StepFailure(f"query failed: {self.runtime_error}")
        self.memory.flush()
        if not self.running():
            return  # stopped, failed or finished: check steps compare what was captured
        self._drain()
        if self.runtime_error is not None:
            raise StepFailure(f"query failed: {self.runtime_error}")

    def _caught_up(self) -> bool:
        """Whether Spark has read everything added: the shared MemoryStream's committed end
        offset, and each file input's rows (progress numbers of its source)."""
        mem_end = -1
        file_rows = 0
        for p in self.progress:
            for src in p.get("sources") or []:
                desc = src.get("description", "")
                if desc.startswith("MemoryStream") and src.get("endOffset") is not None:
                    mem_end = max(mem_end, int(src["endOffset"]))
                elif desc.startswith("FileStreamSource"):
                    file_rows += int(src.get("numInputRows") or 0)
        want_rows = sum(f.rows for f in self.files.values())
        kafka = all(ki.caught_up(self.progress) for ki in self.kafka.values())
        return mem_end >= self.memory.target and file_rows >= want_rows and kafka

    def _drain(self) -> None:
        """processAllAvailable() can return on a trigger that looked for data just before the
        harness added it (StreamTest avoids that by awaiting the added offset). So: call it until
        progress shows the added input read, then once more, which returns only after a trigger
        that found nothing to run, i.e. after any no-data batch the last data batch asked for."""
        import time
        deadline = time.time() + STEP_TIMEOUT_S
        while self.running() and self.runtime_error is None and not self._caught_up():
            if time.time() > deadline:
                raise Unsupported(f"Spark did not read the added input within {STEP_TIMEOUT_S} s")
            self._await(lambda q: q.processAllAvailable())
        if self.running() and self.runtime_error is None:
            self._await(lambda q: q.processAllAvailable())

    # ---- metrics ------------------------------------------------------------------------
    def last_progress(self, with_input: bool) -> dict | None:
        for p in reversed(self.progress):
            if not with_input or (p.get("numInputRows") or 0) > 0:
                return p
        return None

    def per_operator(self, p: dict | None, field: str) -> list[int]:
        if p is None:
            return []
        # Progress lists stateful operators sink first; scenarios read source to sink.
        return [int(op.get(field, 0)) for op in reversed(p.get("stateOperators") or [])]

    def watermark_s(self) -> float:
        p = self.last_progress(with_input=True)
        wm = ((p or {}).get("eventTime") or {}).get("watermark")
        if wm is None:
            return 0
        import datetime as dt
        t = dt.datetime.strptime(wm, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)
        v = t.timestamp()
        return int(v) if v == int(v) else v

    def file_sink_rows(self) -> list:
        if not os.path.isdir(os.path.join(self.sink_dir, "_spark_metadata")):
            return []
        df = self.spark.read.format(self.sink_format).load(self.sink_dir)
        return [row_to_json(r) for r in df.collect()]

    # ---- steps --------------------------------------------------------------------------
    def first_start_index(self) -> int:
        """FORMAT-ADDITIONS: a startStream before every check/lifecycle step starts the query
        there; otherwise it starts before the first step."""
        blocking = PROCESSING_STEPS | {"stopStream", "restart", "startStream"}
        for i, st in enumerate(self.s["steps"]):
            k = next(iter(st))
            if k == "startStream":
                return i
            if k in blocking:
                return -1
        return -1

    def run(self) -> list[dict]:
        self.prepare()
        first = self.first_start_index()
        if first < 0:
            self.start()
        for i, st in enumerate(self.s["steps"]):
            k = next(iter(st))
            rec: dict[str, Any] = {"i": i, "step": k, "ok": True}
            try:
                self.step(i, st, k, rec, first)
            except StepFailure as e:
                rec["ok"] = False
                rec["error"] = str(e)[:2000]
            self.steps_out.append(rec)
        self.stop()
        return self.steps_out

    def compare_rows(self, rec: dict, expected: list, actual: list, ordered: bool) -> None:
        rec["actual"] = actual
        if not rows_match(expected, actual, ordered):
            raise StepFailure(f"expected {show(expected)} but got {show(actual)}")

    def compare_value(self, rec: dict, expected: Any, actual: Any, what: str) -> None:
        rec["actual"] = actual
        if json.dumps(expected) != json.dumps(actual):
            raise StepFailure(f"{what}: expected {json.dumps(expected)} but got {json.dumps(actual)}")

    def step(self, i: int, st: dict, k: str, rec: dict, first: int) -> None:
        cap = self.capture if hasattr(self, "capture") else None
        if k == "addData":
            for name, rows in st["addData"].items():
                if name in self.files:
                    self.files[name].add(rows)
                elif name in self.kafka:
                    self.kafka[name].add(rows)
                elif name in self.memory.columns:
                    self.memory.add(name, rows)
                else:
                    raise Unsupported(f"addData to {name!r}, which is not a memory or file input")
        elif k == "checkNewAnswer":
            self.process()
            assert cap is not None
            with cap.lock:
                actual = (cap.complete_since_check or []) if cap.mode == "complete" else cap.since_check
                cap.since_check, cap.complete_since_check = [], None
            self.compare_rows(rec, st[k], actual, st.get("ordered", False))
        elif k == "checkLastBatch":
            self.process()
            assert cap is not None
            with cap.lock:
                cap.since_check, cap.complete_since_check = [], None
                actual = list(cap.last_batch)
            self.compare_rows(rec, st[k], actual, st.get("ordered", False))
        elif k == "checkAnswer":
            self.process()
            assert cap is not None
            with cap.lock:
                cap.since_check, cap.complete_since_check = [], None
                actual = self.file_sink_rows() if self.sink == "file" else list(cap.all)
            self.compare_rows(rec, st[k], actual, st.get("ordered", False))
        elif k == "processAllAvailable":
            self.process()
        elif k == "addPartitions":
            for name, spec in st[k].items():
                self.kafka[name].add_partitions(spec)
        elif k == "assertNumStateRows":
            want = st[k]
            actual = self.per_operator(self.last_progress(False), "numRowsTotal")
            self.compare_value(rec, [want] if isinstance(want, int) else want, actual, "state rows")
        elif k == "assertNumRowsDroppedByWatermark":
            want = st[k]
            actual = self.per_operator(self.last_progress(True), "numRowsDroppedByWatermark")
            self.compare_value(rec, [want] if isinstance(want, int) else want, actual, "rows dropped by watermark")
        elif k == "assertWatermark":
            self.process()
            self.compare_value(rec, st[k], self.watermark_s(), "watermark")
        elif k == "restart":
            self.stop()
            self.start()
        elif k == "startStream":
            self.start(trigger=(st[k] or {}).get("trigger"), wait_first=True)
        elif k == "stopStream":
            self.stop()
        elif k == "expectError":
            msg = self.start_error or self.runtime_error
            if msg is None:
                try:
                    self.process()
                except StepFailure:
                    msg = self.start_error or self.runtime_error
            rec["actual"] = msg if msg is not None else "(the query ran without error)"
            if msg is None:
                raise StepFailure(f'expected an error containing "{st[k]}" but the query ran')
            if st[k] not in msg:
                raise StepFailure(f'expected an error containing "{st[k]}" but got: {msg[:600]}')
        elif k == "expectFailure":
            if self.runtime_error is None and self.start_error is None:
                self.memory.flush()
                if self.running():
                    self._drain()
            msg = self.runtime_error or self.start_error
            rec["actual"] = msg if msg is not None else "(the query did not fail)"
            self.runtime_error = None  # acknowledged: the query is stopped, later starts re-run
            self.stop()
            if msg is None:
                raise StepFailure("expected the query to fail but it did not")
            texts = st[k] if isinstance(st[k], list) else ([] if st[k] is True else [st[k]])
            missing = [t for t in texts if t not in msg]
            if missing:
                raise StepFailure(f"failure lacks {missing}: {msg[:600]}")
        elif k == "setGlobal":
            self.ns.update(st[k])
        elif k == "dropLastCommit":
            self.stop()
            commits = os.path.join(self.checkpoint, "commits")
            ids = sorted(int(n) for n in os.listdir(commits) if n.isdigit()) if os.path.isdir(commits) else []
            if ids:
                n = ids[-1]
                os.remove(os.path.join(commits, str(n)))
                crc = os.path.join(commits, f".{n}.crc")
                if os.path.exists(crc):
                    os.remove(crc)
        elif k == "clearSink":
            assert cap is not None
            with cap.lock:
                cap.clear()
        elif k == "checkRecorded":
            self.process()
            spec = st[k]
            n = spec["batchId"]
            got = self.recorded.get(n)
            if got is None:
                rec["actual"] = {"batchId": n, "rows": None}
                raise StepFailure(f"recorded has no batch {n} (has {sorted(self.recorded)})")
            actual = [row_to_json(r) for r in got]
            rec["actual"] = {"batchId": n, "rows": actual}
            ok = sets_match(spec["rows"], actual) if spec.get("set") else rows_match(spec["rows"], actual, spec.get("ordered", False))
            if not ok:
                raise StepFailure(f"recorded[{n}]: expected {show(spec['rows'])} but got {show(actual)}")
        elif k == "assertBatchIds":
            self.process()
            assert cap is not None
            with cap.lock:
                actual = list(cap.batch_ids)
            self.compare_value(rec, st[k], actual, "batch ids")
        else:
            raise Unsupported(f"step {k!r} is not one the harness knows")


def corrected_steps(steps: list, outcome: list[dict]) -> tuple[list, list[str]]:
    """The scenario's steps with every failing check's expectation replaced by Spark's actual
    value. Returns the steps and the failing steps it could not rewrite (errors)."""
    out = copy.deepcopy(steps)
    cannot: list[str] = []
    for rec in outcome:
        if rec["ok"]:
            continue
        st = out[rec["i"]]
        k = rec["step"]
        if "actual" not in rec or k in ("expectError", "expectFailure") or rec.get("actual") is None:
            cannot.append(f"step {rec['i']} {k}: {rec.get('error', '')[:300]}")
            continue
        a = rec["actual"]
        if k in ("assertNumStateRows", "assertNumRowsDroppedByWatermark"):
            st[k] = a[0] if isinstance(st[k], int) and len(a) == 1 else a
        elif k == "checkRecorded":
            if a.get("rows") is None:
                cannot.append(f"step {rec['i']} {k}: {rec.get('error', '')[:300]}")
                continue
            st[k]["rows"] = a["rows"]
        else:
            st[k] = a
    return out, cannot
