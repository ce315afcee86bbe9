"""npm run oracle -- --programs [DIR]: starts every page program on real Spark.

Without DIR the programs are exported first (`npm run export:pyspark`, each question's program
at its default parameters). Each program runs in its own Python process and JVM (a program
builds its own SparkSession/SparkContext with its own settings) through page_prelude.py, which
swaps only Kafka/socket inputs and Kafka outputs for local ones. `/tmp/playground` in a program
is rewritten to a fresh scratch directory so runs never see each other's checkpoints.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PER_PROGRAM_TIMEOUT_S = 240


def export(to: str) -> None:
    subprocess.run(["npx", "tsx", "scripts/export-pyspark.ts", to], check=True, stdout=subprocess.DEVNULL)


def run_program(path: str, root: str) -> dict:
    name = os.path.basename(path)
    scratch = os.path.join(root, name[:-3])
    os.makedirs(scratch, exist_ok=True)
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("/tmp/playground", scratch)
    local = os.path.join(scratch, name)
    with open(local, "w", encoding="utf-8") as fh:
        fh.write(text)
    out = os.path.join(scratch, "result.json")
    t0 = time.time()
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "page_prelude.py"), local, out, scratch],
                           cwd=scratch, capture_output=True, text=True, timeout=PER_PROGRAM_TIMEOUT_S)
        stderr = p.stderr
    except subprocess.TimeoutExpired:
        return {"program": name, "status": "failed", "error": f"timed out after {PER_PROGRAM_TIMEOUT_S} s"}
    if not os.path.exists(out):
        tail = "\n".join(l for l in stderr.splitlines() if "WARN" not in l)[-1500:]
        return {"program": name, "status": "failed", "error": f"the process died (exit {p.returncode}): {tail}"}
    with open(out, encoding="utf-8") as fh:
        r = json.load(fh)
    r["wallSeconds"] = round(time.time() - t0, 1)
    return r


def main(dir_: str | None, out_path: str) -> int:
    root = tempfile.mkdtemp(prefix="oracle-programs-")
    try:
        src = dir_ or os.path.join(root, "exported")
        if dir_ is None:
            export(src)
        files = sorted(f for f in os.listdir(src) if f.endswith(".py"))
        results = []
        for f in files:
            r = run_program(os.path.join(src, f), root)
            results.append(r)
            detail = "" if r["status"] == "started" else ": " + r.get("error", "")[:400].replace("\n", " ")
            print(f"{r['status']:>8}  {f} ({r.get('wallSeconds', '?')}s){detail}", flush=True)
        ok = sum(1 for r in results if r["status"] == "started")
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump({"programs": results, "started": ok, "failed": len(results) - ok}, fh, indent=1)
            fh.write("\n")
        print(f"oracle programs: {ok} start, {len(results) - ok} fail")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)
