"""npm run oracle -- --programs [DIR]: starts every page program on real Spark.

Without DIR the programs are exported first (`npm run export:pyspark`, each question's program
at its default parameters). All programs run one after another in one Python process and JVM
through page_prelude.py, which swaps only Kafka/socket inputs and Kafka outputs for local ones. `/tmp/playground` in a program
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


def export(to: str) -> None:
    subprocess.run(["npx", "tsx", "scripts/export-pyspark.ts", to], check=True, stdout=subprocess.DEVNULL)


def stage(path: str, root: str) -> str:
    """A copy of the program in its question's scratch directory, `/tmp/playground` pointing
    there: a question's programs share it, so an alternate that reads the main program's
    checkpoint (advanced-04's state inspection) finds it."""
    name = os.path.basename(path)
    scratch = os.path.join(root, name.split(".")[0])
    os.makedirs(scratch, exist_ok=True)
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("/tmp/playground", scratch)
    local = os.path.join(scratch, name)
    with open(local, "w", encoding="utf-8") as fh:
        fh.write(text)
    return local


def main(dir_: str | None, out_path: str) -> int:
    root = tempfile.mkdtemp(prefix="oracle-programs-")
    try:
        src = dir_ or os.path.join(root, "exported")
        if dir_ is None:
            export(src)
        # A question's main program (`slug.py`) first, then its alternates (`slug.id.py`).
        files = sorted((f for f in os.listdir(src) if f.endswith(".py")),
                       key=lambda f: (f.split(".")[0], f.count("."), f))
        staged = [stage(os.path.join(src, f), root) for f in files]
        out = os.path.join(root, "results.json")
        t0 = time.time()
        p = subprocess.Popen([sys.executable, os.path.join(HERE, "page_prelude.py"), out, *staged],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root)
        assert p.stdout is not None
        for line in p.stdout:
            if line.startswith("@@oracle "):  # the programs print too (console sinks, progress)
                r = json.loads(line[len("@@oracle "):])
                detail = "" if r["status"] == "started" else ": " + r["error"].replace("\n", " ")
                print(f"{r['status']:>8}  {r['program']} ({r['seconds']}s){detail}", flush=True)
        p.wait()
        results = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else []
        done = {r["program"] for r in results}
        for f in files:
            if f not in done:
                results.append({"program": f, "status": "failed",
                                "error": f"not run: the runner process ended (exit {p.returncode}) before it"})
        print(f"oracle programs: ran in {time.time() - t0:.0f}s")
        ok = sum(1 for r in results if r["status"] == "started")
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump({"programs": results, "started": ok, "failed": len(results) - ok}, fh, indent=1)
            fh.write("\n")
        print(f"oracle programs: {ok} start, {len(results) - ok} fail")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)
