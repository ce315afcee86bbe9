"""Runs one DStreams scenario on real Spark the way PySpark's own harness does
(python/pyspark/streaming/tests: PySparkStreamingTestCase._test_func and _collect): each input
batch becomes an RDD of one partition fed by queueStream, the output's non-empty batches are
collected until there are len(expected) of them, then the streaming context stops (the
SparkContext stays up for the next scenario)."""
from __future__ import annotations

import time
from typing import Any

from pyspark.sql import SparkSession
from pyspark.streaming import StreamingContext

from values import rows_match, show, to_json_value

TIMEOUT_S = 180


class TimedOut(Exception):
    pass


def tuples(v: Any) -> Any:
    """Scenario JSON arrays are Python tuples (FORMAT.md: "Python tuples are JSON arrays")."""
    return tuple(tuples(x) for x in v) if isinstance(v, list) else v


def run_dstream(spark: SparkSession, s: dict, checkpoint_dir: str) -> list[dict]:
    sc = spark.sparkContext
    ssc = StreamingContext(sc, s["batchDuration"])
    ssc.checkpoint(checkpoint_dir)
    try:
        ns: dict[str, Any] = {"__name__": "__oracle_dstream__"}
        exec(compile(s["code"], f"<{s['id']}>", "exec"), ns)
        transform = ns["transform"]
        first = ssc.queueStream([sc.parallelize([tuples(e) for e in b], 1) for b in s["input"]])
        if "input2" in s:
            # Later batches of a shorter second input are empty (FORMAT-ADDITIONS).
            b2 = list(s["input2"]) + [[]] * max(0, len(s["input"]) - len(s["input2"]))
            second = ssc.queueStream([sc.parallelize([tuples(e) for e in b], 1) for b in b2])
            stream = transform(first, second)
        else:
            stream = transform(first)
        n = len(s["expected"])
        result: list = []

        def get_output(_: Any, rdd: Any) -> None:
            if rdd and len(result) < n:
                r = rdd.collect()
                if r:
                    result.append(r)
        stream.foreachRDD(get_output)
        ssc.start()
        t0 = time.time()
        while len(result) < n and time.time() - t0 < TIMEOUT_S:
            time.sleep(0.01)
    finally:
        ssc.stop(stopSparkContext=False, stopGraceFully=False)
    actual = [[to_json_value(e) for e in batch] for batch in result]
    if len(actual) < n:
        # PySpark's harness would fail here too, but a slow machine is the likelier cause than
        # Spark: report it as not run, with what did arrive.
        raise TimedOut(f"only {len(actual)} of {n} non-empty batches arrived within {TIMEOUT_S} s "
                       f"(batch interval {s['batchDuration']} s); they matched so far: "
                       f"{all(rows_match(e, a, bool(s.get('ordered', False))) for e, a in zip(s['expected'], actual))}")
    ordered = bool(s.get("ordered", False))
    ok = len(actual) == n and all(rows_match(e, a, ordered) for e, a in zip(s["expected"], actual))
    rec: dict[str, Any] = {"i": 0, "step": "expected", "ok": ok, "actual": actual}
    if not ok:
        rec["error"] = f"expected {show(s['expected'])} but got {show(actual)}"
    return [rec]
