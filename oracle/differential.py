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
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHRINK_BUDGET = 12

HEADER = 'from pyspark.sql import functions as F\n\n'
TS = 'F.timestamp_seconds("t")'


def gen_program(rnd: random.Random) -> tuple[str, str, bool, bool]:
    """Returns (code, output mode, stateful, has a watermark)."""
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
        return HEADER + code + _sink("append"), "append", False, False
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
        return HEADER + code + _sink(mode), mode, True, wm
    if kind == "groupby":
        agg = rnd.choice(['F.count("*").alias("n")', 'F.sum("v").alias("s")'])
        mode = rnd.choice(["update", "complete"])
        code = f'result = {base}.groupBy("k").agg({agg})\n'
        return HEADER + code + _sink(mode), mode, True, False
    if kind == "dedup":
        code = f'result = {base}.dropDuplicates(["k", "v"]).select("k", "v", "t")\n'
        return HEADER + code + _sink("append"), "append", True, False
    if kind == "dedup-wm":
        code = (f'result = {base}.withWatermark("ts", "{delay} seconds")'
                f'.dropDuplicates(["k", "ts"]).select("k", "v", "t")\n')
        return HEADER + code + _sink("append"), "append", True, True
    code = (f'result = {base}.withWatermark("ts", "{delay} seconds")'
            f'.dropDuplicatesWithinWatermark(["k"]).select("k", "v", "t")\n')
    return HEADER + code + _sink("append"), "append", True, True


def _sink(mode: str) -> str:
    return f'\nquery = result.writeStream.outputMode("{mode}").format("memory").queryName("out").start()\n'


def gen_batches(rnd: random.Random) -> list[list[list]]:
    batches = []
    clock = rnd.randrange(0, 20)
    for _ in range(rnd.randint(2, 5)):
        rows = []
        for _ in range(rnd.randint(0, 5)):
            # Mostly moving forward, sometimes late, so watermarks drop and evict.
            t = max(0, clock + rnd.randint(-12, 8))
            rows.append([rnd.choice(["a", "b", "c"]), rnd.randint(0, 9), t])
        clock += rnd.randint(0, 15)
        batches.append(rows)
    return batches


def scenario_of(pid: str, code: str, mode: str, stateful: bool, wm: bool, batches: list, restart_at: int | None) -> dict:
    steps: list[dict] = []
    for i, rows in enumerate(batches):
        if restart_at == i:
            steps.append({"restart": True})
        steps.append({"addData": {"events": rows}})
        steps.append({"checkNewAnswer": []})
        if stateful:
            steps.append({"assertNumStateRows": 0})
        if wm:
            steps.append({"assertNumRowsDroppedByWatermark": 0})
            steps.append({"assertWatermark": 0})
    return {
        "id": pid, "api": "structured", "title": f"random program {pid}",
        "origin": "oracle differential tester: expectations produced by real Spark (PySpark 4.1.4)",
        "topics": ["differential"], "inputs": {"events": [["k", "string"], ["v", "int"], ["t", "long"]]},
        "code": code, "steps": steps,
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


def shrink(spark, s: dict, batches: list, meta: tuple, work: str, tmp: str) -> dict:
    """Greedy: drop whole batches, then single rows, keeping a candidate while the engine still
    disagrees with Spark on it. Each candidate's expectation is Spark's own output."""
    best = s
    budget = SHRINK_BUDGET
    cur = [list(b) for b in batches]

    def fails(cand: list) -> dict | None:
        nonlocal budget
        budget -= 1
        sc = scenario_of(s["id"], *meta, cand, None)
        exp = spark_expect(spark, sc, os.path.join(work, f"shrink{budget}"))
        if isinstance(exp, str):
            return None
        path = os.path.join(tmp, "shrink.json")
        json.dump(exp, open(path, "w"))
        r = run_engine([path])[path]
        return exp if not r["passed"] else None

    i = 0
    while i < len(cur) and budget > 0 and len(cur) > 1:
        cand = cur[:i] + cur[i + 1:]
        got = fails(cand)
        if got is not None:
            cur, best = cand, got
        else:
            i += 1
    for bi in range(len(cur)):
        j = 0
        while j < len(cur[bi]) and budget > 0:
            cand = [list(b) for b in cur]
            del cand[bi][j]
            got = fails(cand)
            if got is not None:
                cur, best = cand, got
            else:
                j += 1
    return best


CHUNK = 25  # programs per engine run; the summary file is rewritten after each chunk


def main(spark, n: int, seed: int, out_path: str) -> int:
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
    pending: list[tuple[str, dict, list, tuple]] = []

    def judge() -> None:
        nonlocal compared, pending
        if not pending:
            return
        results = run_engine([m[0] for m in pending])
        for path, exp, batches, meta in pending:
            compared += 1
            r = results[path]
            if r["passed"]:
                continue
            print(f" DISAGREE  {exp['id']}: {r.get('summary', '')[:400]}", flush=True)
            small = shrink(spark, exp, batches, meta, os.path.join(tmp, "shrink-" + exp["id"]), tmp)
            os.makedirs(reg_dir, exist_ok=True)
            with open(os.path.join(reg_dir, exp["id"] + ".json"), "w") as fh:
                json.dump(small, fh, indent=2)
                fh.write("\n")
            disagreements.append({"id": exp["id"], "summary": r.get("summary"), "code": exp["code"],
                                  "shrunkSteps": len(small["steps"])})
        pending = []
        summary = {"seed": seed, "requested": n, "compared": compared, "agree": compared - len(disagreements),
                   "disagree": len(disagreements), "skipped": skipped, "disagreements": disagreements,
                   "seconds": round(time.time() - t0, 1)}
        with open(out_path, "w") as fh:
            json.dump(summary, fh, indent=1)
            fh.write("\n")
        print(f"  ... {compared} compared, {len(disagreements)} disagree ({time.time() - t0:.0f}s)", flush=True)

    for i in range(n):
        pid = f"diff-{seed}-{i:04d}"
        code, mode, stateful, wm = gen_program(rnd)
        batches = gen_batches(rnd)
        restart_at = rnd.randrange(1, len(batches)) if rnd.random() < 0.25 else None
        meta = (code, mode, stateful, wm)
        s = scenario_of(pid, code, mode, stateful, wm, batches, restart_at)
        exp = spark_expect(spark, s, os.path.join(tmp, pid))
        if isinstance(exp, str):
            skipped.append({"id": pid, "why": exp, "code": code})
            print(f"  skipped  {pid}: {exp[:300]}", flush=True)
            continue
        # Kept under .oracle/diff-last/ (gitignored) for a look at what was compared.
        path = os.path.join(keep, pid + ".json")
        with open(path, "w") as fh:
            json.dump(exp, fh, indent=1)
        pending.append((path, exp, batches, meta))
        if len(pending) >= CHUNK:
            judge()
    judge()
    print(f"oracle diff: {compared} compared, {compared - len(disagreements)} agree, "
          f"{len(disagreements)} disagree, {len(skipped)} skipped")
    return 1 if disagreements else 0
