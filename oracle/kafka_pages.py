"""`npm run oracle -- --kafka-pages [--only TEXT]`: the pages whose simulation reads Kafka, run
on real Spark against a real broker, and compared with the simulation batch by batch.

For every event-time page, at its default parameters and at each preset,
scripts/oracle-kafka-plan.ts says what the simulation did: the program, the Kafka records
(topic, key, JSON value, CreateTime), which simulated micro-batch read each record, and each
batch's output rows, input rows, late rows dropped, state rows and watermark. This runner:

1. starts one broker (kafka_broker.py) and gives every program fresh topics of its names;
2. runs the program as the page shows it, in this process, with only its outside world changed:
   the bootstrap address `localhost:9092` becomes the broker's loopback port, `/tmp/playground`
   a scratch directory, and the console sink a capture of each batch's rows (foreachBatch);
   its source options, trigger, watermark and output mode are the program's own;
3. feeds the records one simulated batch at a time: a batch's records are produced together
   (one flush, so Spark's next trigger reads all of them or none) once Spark has planned the
   batch before (offsets/N in the checkpoint), then the runner waits until Spark has planned the
   batch that reads them; where the simulation ran a no-data batch, it waits for Spark to plan one;
4. compares Spark's executed batches with the simulation's, in order: no-data or not, input
   rows, rows dropped by the watermark, state rows, the watermark, and the sink's rows.

Window structs are compared as seconds from the simulation's epoch offset (the page's virtual
zero), doubles to 9 significant digits. A plan is "agree", "disagree" (the first differing batch
is reported with both sides) or "could not run" (why). Results: oracle/kafka-pages.json.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

BATCH_WAIT_S = 240


def plans(path: str) -> list[dict]:
    subprocess.run(["npx", "tsx", "scripts/oracle-kafka-plan.ts", path], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def norm(v, epoch_s: float):
    """A value of Spark's row or the simulation's, in one comparable form."""
    if isinstance(v, dict):
        return {k: norm(x, epoch_s) for k, x in sorted(v.items())}
    if isinstance(v, dt.datetime):
        v = round(v.replace(tzinfo=dt.timezone.utc).timestamp() - epoch_s, 3)
    if isinstance(v, float):
        # JSON from the simulation has no int/float distinction: 28.0 and 28 are one value.
        v = float(f"{v:.9g}")
        return int(v) if v.is_integer() else v
    if isinstance(v, (list, tuple)):
        return [norm(x, epoch_s) for x in v]
    return v


def spark_row(r, epoch_s: float) -> list:
    return [norm(x.asDict() if hasattr(x, "asDict") else x, epoch_s) for x in r]


def key(row: list) -> str:
    return json.dumps(row, sort_keys=True)


class Replay:
    def __init__(self, spark, topics, plan: dict, work: str) -> None:
        self.spark, self.topics, self.plan, self.work = spark, topics, plan, work
        self.epoch_s = plan["epochOffsetMs"] / 1000
        self.batches: dict[int, list] = {}
        self.lock = threading.Lock()
        self.query = None
        self.capture_error: str | None = None

    def program_text(self) -> str:
        code = self.plan["code"].replace("/tmp/playground", self.work)
        return code.replace("localhost:9092", self.topics.bootstrap)

    def run_program(self) -> None:
        """Runs the program up to its `awaitTermination()`, with a capturing sink."""
        from pyspark.sql.streaming.query import StreamingQuery
        from pyspark.sql.streaming.readwriter import DataStreamWriter
        me = self
        orig_start, orig_fmt, orig_await = DataStreamWriter.start, DataStreamWriter.format, StreamingQuery.awaitTermination

        def capture(df, batch_id):
            try:
                rows = [spark_row(r, me.epoch_s) for r in df.collect()]
            except Exception as e:
                # The head of the message names the cause; a traceback's tail is only JVM frames.
                me.capture_error = f"{type(e).__name__}: {str(e)[:1500]}"
                raise
            with me.lock:
                me.batches[batch_id] = rows

        def fmt(w, source):
            w._oracle_sink = source
            return orig_fmt(w, source)

        def start(w, *a, **k):
            # A console sink prints each batch's rows and a Kafka sink writes them (key, value) as
            # records: either way the batch's DataFrame is what the page simulates, so both are
            # captured from foreachBatch. Other sinks (files, memory) are not pages' Kafka output.
            if getattr(w, "_oracle_sink", "console") not in ("console", "kafka"):
                raise RuntimeError(f"sink {w._oracle_sink!r}: the replay captures console and Kafka sinks only")
            w.foreachBatch(capture)
            me.query = orig_start(w, *a, **k)
            return me.query

        DataStreamWriter.start, DataStreamWriter.format = start, fmt
        StreamingQuery.awaitTermination = lambda self, timeout=None: True
        try:
            exec(compile(self.program_text(), f"<{self.plan['slug']}:{self.plan['label']}>", "exec"),
                 {"__name__": "__main__"})
        finally:
            DataStreamWriter.start, DataStreamWriter.format = orig_start, orig_fmt
            StreamingQuery.awaitTermination = orig_await
        if self.query is None:
            raise RuntimeError("the program started no query")

    def executed(self) -> list[dict]:
        out = []
        for p in self.query._jsq.recentProgress():
            d = json.loads(p.json())
            if "addBatch" in (d.get("durationMs") or {}):
                out.append(d)
        seen, uniq = set(), []
        for d in out:
            if d["batchId"] not in seen:
                seen.add(d["batchId"])
                uniq.append(d)
        return uniq

    def wait(self, cond, what: str) -> None:
        t0 = time.time()
        while time.time() - t0 < BATCH_WAIT_S:
            exc = self.query.exception()
            if exc is not None:
                text = str(exc)
                try:  # the JVM's exception chain names the root cause PySpark's text may lose
                    e = self.query._jsq.exception().get()
                    chain = []
                    while e is not None and len(chain) < 6:
                        chain.append(str(e.toString())[:600])
                        e = e.getCause()
                    text = " <- ".join(chain)
                except Exception:
                    pass
                why = self.capture_error or (text if len(text) < 2500 else text[:2500])
                raise RuntimeError(f"the query failed: {why}")
            if cond():
                return
            time.sleep(0.1)
        raise TimeoutError(f"waited {BATCH_WAIT_S} s for {what}")

    def planned(self) -> list[int]:
        """Per offsets/N file of the query's checkpoint (the batches Spark has planned), the
        records its end offsets cover: the sum over topics and partitions (every topic is
        fresh, one partition from offset 0)."""
        out = []
        for d, _, files in os.walk(self.work):
            if os.path.basename(d) != "offsets" or "commits" not in os.listdir(os.path.dirname(d)):
                continue
            for f in sorted((f for f in files if f.isdigit()), key=int):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    lines = fh.read().splitlines()[2:]
                total = 0
                for line in lines:
                    if line.strip().startswith("{"):
                        total += sum(int(o) for parts in json.loads(line).values() for o in parts.values())
                out.append(total)
        return out

    def feed(self) -> list[dict]:
        """Produces each simulated batch's records as soon as Spark has planned the batch before
        (its offsets/N is written), so they are in the topic when the next trigger fires, even
        when a batch overruns the trigger interval on a loaded machine; where the simulation ran a
        no-data batch, waits for Spark to plan one."""
        # startingOffsets "latest" is resolved by the first trigger (batch 0, empty): wait for it.
        self.wait(lambda: len(self.planned()) > 0, "the first trigger")
        by_batch: dict[int, list] = {}
        for r in self.plan["records"]:
            if r["batchId"] is not None:
                by_batch.setdefault(r["batchId"], []).append(r)
        produced = 0
        for b in self.plan["batches"]:
            n = len(self.planned())
            if not b["noData"]:
                recs = by_batch.get(b["batchId"], [])
                self.topics.send([(r["topic"], 0, r["timestampMs"], r["key"], r["value"]) for r in recs])
                produced += len(recs)
                self.wait(lambda: any(t >= produced for t in self.planned()[n:]),
                          f"Spark to plan simulated batch {b['batchId']}")
            else:
                self.wait(lambda: len(self.planned()) > n, f"Spark's no-data batch for simulated batch {b['batchId']}")
        # Every planned batch runs; then a no-data batch Spark runs after the simulation's last
        # one would be a difference too.
        last = len(self.planned())
        self.wait(lambda: len(self.executed()) >= last, "Spark to run the planned batches")
        time.sleep(self.plan["triggerIntervalMs"] / 1000 * 1.5)
        return self.executed()

    def compare(self, executed: list[dict]) -> dict:
        sim = self.plan["batches"]
        note: dict = {}
        if executed and int(executed[0].get("numInputRows") or 0) == 0 and sim and not sim[0]["noData"]:
            # A fresh Kafka query's first trigger runs batch 0 even empty (its sources had no
            # committed offset; with startingOffsets=latest it can read nothing). The event-time
            # simulation starts numbering at the first batch that reads rows: a known difference,
            # reported with every plan, and the rest compared after it.
            executed = executed[1:]
            note["sparkEmptyFirstBatch"] = True
        return {**self._compare(sim, executed, self._rows(executed)), **note}

    def _rows(self, executed: list[dict]) -> list[list]:
        with self.lock:
            return [list(self.batches.get(p["batchId"], [])) for p in executed]

    def _compare(self, sim: list[dict], executed: list[dict], rows: list[list]) -> dict:
        for i, b in enumerate(sim):
            if i >= len(executed):
                return {"verdict": "disagree", "batch": i, "why": f"Spark ran {len(executed)} batches, the simulation {len(sim)}"}
            p = executed[i]
            ops = list(reversed(p.get("stateOperators") or []))
            wm = (p.get("eventTime") or {}).get("watermark")
            spark_side = {
                "noData": int(p.get("numInputRows") or 0) == 0,
                "numInputRows": int(p.get("numInputRows") or 0),
                "numRowsDroppedByWatermark": sum(int(o.get("numRowsDroppedByWatermark", 0)) for o in ops),
                "numStateRows": sum(int(o.get("numRowsTotal", 0)) for o in ops),
            }
            sim_side = {k: b[k] for k in spark_side}
            got = sorted(map(key, rows[i]))
            want = sorted(map(key, norm(b["output"], 0)))
            if spark_side != sim_side or got != want:
                return {"verdict": "disagree", "batch": i, "spark": {**spark_side, "watermark": wm, "output": [json.loads(x) for x in got]},
                        "simulation": {**sim_side, "watermarkMs": b["watermarkMs"], "output": [json.loads(x) for x in want]}}
        extra = executed[len(sim):]
        if any(int(p.get("numInputRows") or 0) > 0 for p in extra):
            return {"verdict": "disagree", "batch": len(sim), "why": "Spark read rows in a batch the simulation did not run"}
        # No-data batches after the simulation's last one: the watermark moved in its last data
        # batch and Spark's next trigger ran the no-data batch the simulation would run after
        # its run length ends. Reported, not compared.
        return {"verdict": "agree", "batches": len(sim), **({"sparkNoDataBatchesAfterRunEnd": len(extra)} if extra else {})}

    def stop(self) -> None:
        if self.query is not None:
            try:
                self.query.stop()
            except Exception:
                pass


def run_each(all_plans: list[dict], out_path: str) -> int:
    """One Python process and JVM per plan, on one broker: a long replay can leave the JVM in a
    state the next query fails in (seen under load: a StackOverflowError in a stream thread,
    then shuffle tasks failing), so no plan runs in a JVM another plan used."""
    from kafka_broker import Broker
    broker = Broker()
    print(f"oracle: Kafka broker (KRaft, {broker.bootstrap}) up in {broker.start():.1f}s", flush=True)
    results: list[dict] = []
    spark_version = None
    try:
        for plan in all_plans:
            name = f"{plan['slug']}:{plan['label']}"
            part = out_path + ".part"
            env = {**os.environ, "ORACLE_KAFKA_CHILD": "1", "ORACLE_KAFKA_BOOTSTRAP": broker.bootstrap}
            subprocess.run([sys.executable, os.path.join(HERE, "run_scenarios.py"), "--kafka-pages",
                            "--only", name, "--out", part], env=env, cwd=ROOT)
            try:
                with open(part, encoding="utf-8") as fh:
                    got = json.load(fh)
                spark_version = got.get("spark")
                results += got["plans"]
                os.remove(part)
            except (OSError, ValueError, KeyError):
                results.append({"plan": name, "verdict": "could-not-run", "why": "the plan's process wrote no result"})
            with open(out_path, "w", encoding="utf-8") as fh:
                json.dump({"spark": spark_version, "broker": "Apache Kafka 4.1.1 (KRaft)", "plans": results}, fh, indent=1)
                fh.write("\n")
    finally:
        broker.stop()
    counts = {k: sum(1 for r in results if r["verdict"] == k) for k in ("agree", "disagree", "could-not-run")}
    print(f"oracle kafka pages: {counts['agree']} agree, {counts['disagree']} disagree, {counts['could-not-run']} could not run")
    return 1 if counts["disagree"] else 0


def main(only: str | None, out_path: str) -> int:
    from kafka_broker import Broker, Topics, fetch, spark_jars
    from session import start_session
    fetch()
    root = tempfile.mkdtemp(prefix="oracle-kafka-pages-")
    child = "ORACLE_KAFKA_CHILD" in os.environ
    wanted = [w for w in (only or "").split(",") if w]  # --only a,b: plans whose name contains a or b

    def picked(name: str) -> bool:
        return not wanted or any(w == name if child else w in name for w in wanted)
    all_plans = [p for p in plans(os.path.join(root, "plans.json")) if picked(f"{p['slug']}:{p['label']}")]
    if len(all_plans) > 1 and not child:
        shutil.rmtree(root, ignore_errors=True)
        return run_each(all_plans, out_path)
    broker = None
    bootstrap = os.environ.get("ORACLE_KAFKA_BOOTSTRAP")
    if not bootstrap:
        broker = Broker()
        print(f"oracle: Kafka broker (KRaft, {broker.bootstrap}) up in {broker.start():.1f}s", flush=True)
        bootstrap = broker.bootstrap
    spark, jvm_s = start_session(spark_jars())
    print(f"oracle: Spark {spark.version} session up in {jvm_s:.1f}s", flush=True)
    topics = Topics(spark, bootstrap)
    results = []
    try:
        for plan in all_plans:
            t = time.time()
            name = f"{plan['slug']}:{plan['label']}"
            if plan.get("error"):
                res = {"verdict": "could-not-run", "why": f"the simulation refuses the program: {plan['error']}"}
            else:
                work = os.path.join(root, name.replace(":", "@"))
                os.makedirs(work, exist_ok=True)
                topics.reset({t: 1 for t in plan["topics"]})
                rp = Replay(spark, topics, plan, work)
                try:
                    rp.run_program()
                    res = rp.compare(rp.feed())
                except TimeoutError as e:
                    # Not Spark's answer (a slow machine), as the scenario harness treats a step
                    # that does not finish: could not run, with what it waited for.
                    res = {"verdict": "could-not-run", "why": str(e), "executed": len(rp.executed()) if rp.query else 0}
                except Exception as e:
                    res = {"verdict": "could-not-run", "why": f"{type(e).__name__}: {str(e)[:2000]}",
                           "trace": traceback.format_exc(limit=4)[-1500:]}
                finally:
                    rp.stop()
            res = {"plan": name, **res, "seconds": round(time.time() - t, 1)}
            results.append(res)
            detail = res.get("why") or (f"batch {res['batch']}" if "batch" in res else "")
            print(f"{res['verdict']:>13}  {name} ({res['seconds']}s){': ' + detail if detail else ''}", flush=True)
            with open(out_path, "w", encoding="utf-8") as fh:
                json.dump({"spark": spark.version, "broker": "Apache Kafka 4.1.1 (KRaft)", "plans": results}, fh, indent=1)
                fh.write("\n")
    finally:
        topics.close()
        if broker is not None:
            broker.stop()
        spark.stop()
        shutil.rmtree(root, ignore_errors=True)
    counts = {k: sum(1 for r in results if r["verdict"] == k) for k in ("agree", "disagree", "could-not-run")}
    print(f"oracle kafka pages: {counts['agree']} agree, {counts['disagree']} disagree, {counts['could-not-run']} could not run")
    return 1 if counts["disagree"] else 0
