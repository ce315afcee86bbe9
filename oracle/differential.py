"""`npm run oracle -- --diff N [--seed S]`: differential testing of the engine against Spark.

Each random program is a conformance scenario (shared/conformance/FORMAT.md) over one input
`events(k string, v int, t long)` built from what the engine supports: projections and filters,
watermarks, tumbling and sliding windows, aggregations (count/sum/max), deduplication (with
and without a watermark, and within the watermark), output modes, and restarts. Its input is
a few random batches. The program runs on Spark first, through the same harness as the
corpus, and Spark's actual output after every batch (rows, state rows, dropped rows, the
watermark) becomes the scenario's expectation. The engine then runs the completed scenario
(scripts/oracle-engine.ts, the project's conformance runner); any failing step is a
disagreement, compared batch by batch. A disagreement is shrunk (drop batches, then rows, each
time re-running Spark for the new expectation) and saved to oracle/regressions/ as a scenario
whose expectation is what Spark produced.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHRINK_BUDGET = 12
RESTART = "__restart"  # a shrinking batch's mark: the restart comes before it

HEADER = 'from pyspark.sql import functions as F\n\n'
TS = 'F.timestamp_seconds("t")'


EVENTS = [["k", "string"], ["v", "int"], ["t", "long"]]


@dataclass(frozen=True)
class Program:
    code: str
    mode: str
    stateful: bool
    wm: bool
    # input name -> columns; every input has the columns of EVENTS
    inputs: tuple[str, ...] = ("events",)


def gen_program(rnd: random.Random, join_share: float) -> Program:
    """A random program: `join_share` of them join two inputs (or a stream and a static
    DataFrame), the rest read one input."""
    if rnd.random() < join_share:
        return gen_join(rnd)
    pre = []
    if rnd.random() < 0.5:
        m = rnd.choice([2, 3])
        pre.append(f'.where(F.col("v") % {m} != {rnd.randrange(m)})')
    if rnd.random() < 0.3:
        pre.append(f'.withColumn("v", F.col("v") * {rnd.choice([2, 3, -1])} + {rnd.randrange(5)})')
    base = f'events.withColumn("ts", {TS})' + "".join(pre)
    kind = rnd.choice(["stateless", "window", "window", "groupby", "dedup", "dedup-wm", "dedup-within"])
    delay = rnd.choice([0, 2, 5, 10])
    if kind == "stateless":
        code = f'result = {base}.select("k", "v", F.col("t"))\n'
        return Program(HEADER + code + _sink("append"), "append", False, False)
    if kind == "window":
        size = rnd.choice([5, 10])
        slide = rnd.choice([None, None, size // 5 * 2 if size == 10 else None])
        win = f'F.window("ts", "{size} seconds"' + (f', "{slide} seconds"' if slide else "") + ")"
        keys = [win] + (['"k"'] if rnd.random() < 0.5 else [])
        agg = rnd.choice(['F.count("*").alias("n")', 'F.sum("v").alias("s")', 'F.max("v").alias("m")'])
        mode = rnd.choice(["append", "update", "complete"])
        wm = mode != "complete" or rnd.random() < 0.5
        src = f'{base}.withWatermark("ts", "{delay} seconds")' if wm else base
        keycols = ', "k"' if len(keys) > 1 else ""
        code = (f'result = (\n    {src}\n    .groupBy({", ".join(keys)})\n    .agg({agg})\n'
                f'    .select(F.col("window.start").cast("long").alias("start"){keycols}, F.col("{agg.split(chr(34))[-2]}"))\n)\n')
        return Program(HEADER + code + _sink(mode), mode, True, wm)
    if kind == "groupby":
        agg = rnd.choice(['F.count("*").alias("n")', 'F.sum("v").alias("s")'])
        mode = rnd.choice(["update", "complete"])
        code = f'result = {base}.groupBy("k").agg({agg})\n'
        return Program(HEADER + code + _sink(mode), mode, True, False)
    if kind == "dedup":
        code = f'result = {base}.dropDuplicates(["k", "v"]).select("k", "v", "t")\n'
        return Program(HEADER + code + _sink("append"), "append", True, False)
    if kind == "dedup-wm":
        code = (f'result = {base}.withWatermark("ts", "{delay} seconds")'
                f'.dropDuplicates(["k", "ts"]).select("k", "v", "t")\n')
        return Program(HEADER + code + _sink("append"), "append", True, True)
    code = (f'result = {base}.withWatermark("ts", "{delay} seconds")'
            f'.dropDuplicatesWithinWatermark(["k"]).select("k", "v", "t")\n')
    return Program(HEADER + code + _sink("append"), "append", True, True)


JOIN_SHARE = 1 / 3  # of random programs that join (--joins: all)
JOINED = ('.select("lk", "lv", F.col("lt").cast("long").alias("lt"), '
          '"rk", "rv", F.col("rt").cast("long").alias("rt"))')


def _side(rnd: random.Random, name: str, p: str, delay: int | None, window: int | None, both: bool) -> str:
    """One side of a stream-stream join: `left` as lk/lv/lt (or `right` as rk/rv/rt), maybe
    filtered, maybe with a watermark and an event-time window column."""
    cols = [f'F.col("k").alias("{p}k")', f'F.col("v").alias("{p}v")', f'F.timestamp_seconds("t").alias("{p}t")']
    code = f'{name}.select({", ".join(cols)})'
    if rnd.random() < 0.3:
        code += f'.where(F.col("{p}v") % 2 == {rnd.randrange(2)})'
    if delay is not None:
        code += f'.withWatermark("{p}t", "{delay} seconds")'
    if window is not None:
        # The window replaces the timestamp: a side with both carries two event-time columns,
        # which Spark refuses (join-two-event-time-columns-per-side); a few programs keep both,
        # to check that the engine refuses them too.
        code += (f'.withColumn("{p}w", F.window("{p}t", "{window} seconds"))' if both
                 else f'.select("{p}k", "{p}v", F.window("{p}t", "{window} seconds").alias("{p}w"))')
    return code


def gen_join(rnd: random.Random) -> Program:
    """Joins as the engine supports them (SPARK-SEMANTICS R5): stream-static inner and left outer
    (stateless, optionally aggregated after), and stream-stream inner (no watermark; watermarks
    with a time-range condition; an event-time window key) and left outer (watermarks with a
    time range or a window key), always in append mode."""
    kind = rnd.choice(["static", "static", "ss-plain", "ss-range", "ss-range", "ss-window"])
    if kind == "static":
        how = rnd.choice(["inner", "left_outer"])
        dim = 'dim = spark.createDataFrame([("a", 10), ("b", 20), ("b", 21)], "k string, w int")\n'
        base = 'events.join(dim, "k", "%s")' % how
        if rnd.random() < 0.35:
            agg = rnd.choice(['F.count("*").alias("n")', 'F.sum("w").alias("s")'])
            mode = rnd.choice(["update", "complete"])
            code = dim + f'result = {base}.groupBy("k").agg({agg})\n'
            return Program(HEADER + code + _sink(mode), mode, True, False)
        code = dim + f'result = {base}.select("k", "v", "w", "t")\n'
        return Program(HEADER + code + _sink("append"), "append", False, False)
    how = "inner" if kind == "ss-plain" else rnd.choice(["inner", "left_outer"])
    if kind == "ss-plain":
        dl = dr = None
    else:
        dl, dr = rnd.choice([0, 2, 5, 10]), rnd.choice([0, 2, 5, 10])
    win = rnd.choice([5, 10]) if kind == "ss-window" else None
    both = rnd.random() < 0.2
    code = f'l = {_side(rnd, "left", "l", dl, win, both)}\nr = {_side(rnd, "right", "r", dr, win, both)}\n'
    if kind == "ss-plain":
        cond = "lk = rk"
    elif kind == "ss-window":
        cond = "lk = rk AND lw = rw"
    else:
        a, b = rnd.choice([0, 2, 5]), rnd.choice([0, 3, 5])
        cond = f"lk = rk AND lt BETWEEN rt - interval {a} seconds AND rt + interval {b} seconds"
    out = JOINED
    if win is not None and '.select("lk", "lv", F.window' in code:
        out = ('.select("lk", "lv", F.col("lw.start").cast("long").alias("lws"), '
               '"rk", "rv", F.col("rw.start").cast("long").alias("rws"))')
    code += f'result = l.join(r, F.expr("{cond}"), "{how}"){out}\n'
    return Program(HEADER + code + _sink("append"), "append", True, dl is not None, ("left", "right"))


def _sink(mode: str) -> str:
    return f'\nquery = result.writeStream.outputMode("{mode}").format("memory").queryName("out").start()\n'


def gen_batches(rnd: random.Random, inputs: tuple[str, ...]) -> list[dict[str, list[list]]]:
    """2-5 batches; a batch adds 0-5 rows to each input (a join's batch may feed one side only)."""
    batches = []
    clock = rnd.randrange(0, 20)
    for _ in range(rnd.randint(2, 5)):
        batch: dict[str, list[list]] = {}
        fed = [n for n in inputs if len(inputs) == 1 or rnd.random() < 0.7] or [rnd.choice(inputs)]
        for name in fed:
            rows = []
            for _ in range(rnd.randint(0, 5)):
                # Mostly moving forward, sometimes late, so watermarks drop and evict.
                t = max(0, clock + rnd.randint(-12, 8))
                rows.append([rnd.choice(["a", "b", "c"]), rnd.randint(0, 9), t])
            batch[name] = rows
        clock += rnd.randint(0, 15)
        batches.append(batch)
    return batches


def scenario_of(pid: str, prog: Program, batches: list, restart_at: int | None) -> dict:
    steps: list[dict] = []
    for i, rows in enumerate(batches):
        if restart_at == i:
            steps.append({"restart": True})
        steps.append({"addData": {n: r for n, r in rows.items() if n != RESTART}})
        steps.append({"checkNewAnswer": []})
        if prog.stateful:
            steps.append({"assertNumStateRows": 0})
        if prog.wm:
            steps.append({"assertNumRowsDroppedByWatermark": 0})
            steps.append({"assertWatermark": 0})
    return {
        "id": pid, "api": "structured", "title": f"random program {pid}",
        "origin": "oracle differential tester: expectations produced by real Spark (PySpark 4.1.4)",
        "topics": ["differential"] + (["join"] if ".join(" in prog.code else []),
        "inputs": {name: EVENTS for name in prog.inputs},
        "code": prog.code, "steps": steps,
    }


def spark_expect(spark, s: dict, work: str) -> dict | str:
    """The scenario with every expectation replaced by Spark's actual value, or why not."""
    from structured import StructuredRun, corrected_steps
    from inputs import Unsupported
    run = StructuredRun(spark, s, work)
    try:
        outcome = run.run()
    except Unsupported as e:
        run.stop()
        return f"could not run: {e}"
    fixed, cannot = corrected_steps(s["steps"], outcome)
    if cannot:
        return f"Spark failed: {cannot[0]}"
    return {**s, "steps": fixed}


def error_core(spark_error: str) -> str:
    """What the engine's refusal must contain: Spark's error condition in brackets when it names
    one (other than the STREAM_FAILED wrapper), else the first sentence of Spark's message. The
    runner refuses an empty `expectError`, and any text would let a wrong refusal pass."""
    msg = spark_error.split("terminated with exception: ")[-1]
    msg = re.sub(r"^.*?query failed: ", "", msg)
    cond = re.match(r"\[([A-Z][A-Z0-9_.]+)\]", msg)
    if cond and cond.group(1) != "STREAM_FAILED":
        return cond.group(1)
    sentence = re.split(r"\.(?:\s|$)", msg.strip(), maxsplit=1)[0].strip()
    return sentence[:120] or msg.strip()[:120]


def engine_refuses(s: dict, spark_error: str, keep: str) -> str | None:
    """A program Spark refuses: None when the engine refuses it too (the first data step then
    fails with an error), else what the engine did instead."""
    first = next(i for i, st in enumerate(s["steps"]) if "addData" in st)
    probe = {**s, "steps": s["steps"][: first + 1] + [{"expectError": error_core(spark_error)}]}
    path = os.path.join(keep, s["id"] + ".refused.json")
    with open(path, "w") as fh:
        json.dump(probe, fh, indent=1)
    r = run_engine([path])[path]
    return None if r["passed"] else f"Spark refuses ({spark_error[:300]}) but the engine runs it: {r.get('summary', '')[:300]}"


def run_engine(paths: list[str]) -> dict[str, dict]:
    p = subprocess.run(["npx", "tsx", "scripts/oracle-engine.ts", *paths], cwd=ROOT, capture_output=True, text=True)
    out = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            out[r["path"]] = r
    if len(out) != len(paths):
        raise RuntimeError(f"engine runner failed: {p.stderr[-1500:]}")
    return out


def shrink(spark, s: dict, batches: list, prog: Program, restart_at: int | None, work: str, tmp: str) -> dict:
    """Greedy: drop whole batches, then single rows, keeping a candidate while the engine still
    disagrees with Spark on it. Each candidate's expectation is Spark's own output."""
    best = s
    budget = SHRINK_BUDGET
    cur = [{n: list(rows) for n, rows in b.items()} for b in batches]

    def fails(cand: list) -> dict | None:
        nonlocal budget
        budget -= 1
        # A restart that caused the disagreement must survive shrinking: it stays before the
        # same batch while that batch is kept (dropping a batch before it moves it up).
        sc = scenario_of(s["id"], prog, cand, restart_of(cand))
        exp = spark_expect(spark, sc, os.path.join(work, f"shrink{budget}"))
        if isinstance(exp, str):
            return None
        path = os.path.join(tmp, "shrink.json")
        json.dump(exp, open(path, "w"))
        r = run_engine([path])[path]
        return exp if not r["passed"] else None

    tagged = [dict(b, **{RESTART: i == restart_at}) for i, b in enumerate(cur)]
    cur = tagged

    def restart_of(cand: list) -> int | None:
        at = next((i for i, b in enumerate(cand) if b.get(RESTART)), None)
        return at if at else None

    i = 0
    while i < len(cur) and budget > 0 and len(cur) > 1:
        cand = cur[:i] + cur[i + 1:]
        got = fails(cand)
        if got is not None:
            cur, best = cand, got
        else:
            i += 1
    for bi in range(len(cur)):
        for name in [n for n in cur[bi] if n != RESTART]:
            j = 0
            while j < len(cur[bi][name]) and budget > 0:
                cand = [{n: (list(v) if n != RESTART else v) for n, v in b.items()} for b in cur]
                del cand[bi][name][j]
                got = fails(cand)
                if got is not None:
                    cur, best = cand, got
                else:
                    j += 1
    return best


CHUNK = 25  # programs per engine run; the summary file is rewritten after each chunk


def main(spark, n: int, seed: int, out_path: str, join_share: float = JOIN_SHARE) -> int:
    rnd = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="oracle-diff-")
    t0 = time.time()
    keep = os.path.join(ROOT, ".oracle", "diff-last")
    shutil.rmtree(keep, ignore_errors=True)
    os.makedirs(keep)
    reg_dir = os.path.join(HERE, "regressions")
    skipped: list[dict] = []
    disagreements: list[dict] = []
    compared = 0
    joins = 0
    refused = 0
    pending: list[tuple[str, dict, list, tuple]] = []

    i = -1

    def judge() -> None:
        nonlocal compared, pending
        results = run_engine([m[0] for m in pending]) if pending else {}
        for path, exp, batches, prog, restart_at in pending:
            compared += 1
            r = results[path]
            if r["passed"]:
                continue
            print(f" DISAGREE  {exp['id']}: {r.get('summary', '')[:400]}", flush=True)
            small = shrink(spark, exp, batches, prog, restart_at, os.path.join(tmp, "shrink-" + exp["id"]), tmp)
            os.makedirs(reg_dir, exist_ok=True)
            with open(os.path.join(reg_dir, exp["id"] + ".json"), "w") as fh:
                json.dump(small, fh, indent=2)
                fh.write("\n")
            disagreements.append({"id": exp["id"], "summary": r.get("summary"), "code": exp["code"],
                                  "shrunkSteps": len(small["steps"])})
        pending = []
        summary = {"seed": seed, "requested": n, "joinShare": round(join_share, 3), "generated": i + 1,
                   "joinsGenerated": joins, "sparkRefused": refused, "compared": compared, "agree": compared - len(disagreements),
                   "disagree": len(disagreements), "skipped": skipped, "disagreements": disagreements,
                   "seconds": round(time.time() - t0, 1)}
        with open(out_path, "w") as fh:
            json.dump(summary, fh, indent=1)
            fh.write("\n")
        print(f"  ... {compared} compared, {len(disagreements)} disagree ({time.time() - t0:.0f}s)", flush=True)

    for i in range(n):
        pid = f"diff-{seed}-{i:04d}"
        prog = gen_program(rnd, join_share)
        joins += ".join(" in prog.code
        batches = gen_batches(rnd, prog.inputs)
        restart_at = rnd.randrange(1, len(batches)) if rnd.random() < 0.25 else None
        s = scenario_of(pid, prog, batches, restart_at)
        exp = spark_expect(spark, s, os.path.join(tmp, pid))
        if isinstance(exp, str):
            if exp.startswith("Spark failed"):
                refused += 1
                why = engine_refuses(s, exp, keep)
                if why is None:
                    continue  # both refuse: an agreement on Spark's error
                disagreements.append({"id": pid, "summary": why, "code": prog.code, "sparkError": exp[:800]})
                print(f" DISAGREE  {pid}: {why[:300]}", flush=True)
                continue
            skipped.append({"id": pid, "why": exp, "code": prog.code})
            print(f"  skipped  {pid}: {exp[:300]}", flush=True)
            continue
        # Kept under .oracle/diff-last/ (gitignored) for a look at what was compared.
        path = os.path.join(keep, pid + ".json")
        with open(path, "w") as fh:
            json.dump(exp, fh, indent=1)
        pending.append((path, exp, batches, prog, restart_at))
        if len(pending) >= CHUNK:
            judge()
    judge()
    judge()  # rewrites the summary with the last refusals counted
    print(f"oracle diff: {compared} compared ({refused} refused by Spark, checked refused by the engine too), "
          f"{compared + refused - len(disagreements)} agree, {len(disagreements)} disagree, {len(skipped)} skipped")
    return 1 if disagreements else 0
