"""npm run oracle -- --programs [DIR]: starts every page program on real Spark.

Without DIR the programs are exported first (`npm run export:pyspark`, each question's program
at its default parameters; with --presets also each simulation's program at every preset whose
text differs from the default). A preset the engine refuses (presets.json) is expected to be
refused by Spark too: "refused" when both refuse, "engine-only refusal" when Spark starts it. All programs run one after another in one Python process and JVM
through page_prelude.py, which swaps only Kafka/socket inputs and Kafka outputs for local ones. `/tmp/playground` in a program
is rewritten to a fresh scratch directory so runs never see each other's checkpoints.
"""
from __future__ import annotations

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def export(to: str, presets: bool) -> None:
    cmd = ["npx", "tsx", "scripts/export-pyspark.ts", to] + (["--presets"] if presets else [])
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


BATCH_READ = re.compile(r"""option\(\s*["']batchId["']\s*,\s*(\d+)\s*\)""")


def triggers_for(files: list[str], src: str) -> dict[str, int]:
    """A question's alternate that reads the main program's state at batch N (advanced-04's
    `statestore` reader) needs that batch committed: the main program then runs N+1 batches
    instead of two."""
    need: dict[str, int] = {}
    for f in files:
        with open(os.path.join(src, f), encoding="utf-8") as fh:
            for m in BATCH_READ.finditer(fh.read()):
                slug = f.split(".")[0]
                need[slug] = max(need.get(slug, 0), int(m.group(1)) + 1)
    return {f"{slug}.py": n for slug, n in need.items()}


def stage(path: str, root: str) -> str:
    """A copy of the program in its question's scratch directory, `/tmp/playground` pointing
    there: a question's programs share it, so an alternate that reads the main program's
    checkpoint (advanced-04's state inspection) finds it."""
    name = os.path.basename(path)
    # A preset's program gets its own directory: its checkpoint is not the default's.
    key = name[: -len(".py")] if "@" in name else name.split(".")[0]
    scratch = os.path.join(root, key)
    os.makedirs(scratch, exist_ok=True)
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("/tmp/playground", scratch)
    local = os.path.join(scratch, name)
    with open(local, "w", encoding="utf-8") as fh:
        fh.write(text)
    return local


STATUSES = ("started", "refused", "failed", "engine-only refusal")


def judged(r: dict, refusals: dict) -> str:
    """started/failed as the runner saw it, unless the engine refuses the program: then Spark
    refusing it too is the expected outcome."""
    if r["program"] not in refusals or refusals[r["program"]] is None:
        return r["status"]
    return "refused" if r["status"] in ("failed", "refused") else "engine-only refusal"


def main(dir_: str | None, out_path: str, presets: bool = False) -> int:
    root = tempfile.mkdtemp(prefix="oracle-programs-")
    try:
        src = dir_ or os.path.join(root, "exported")
        if dir_ is None:
            export(src, presets)
        manifest_path = os.path.join(src, "presets.json")
        refusals = {m["file"]: m["engineRefuses"] for m in json.load(open(manifest_path))} if os.path.exists(manifest_path) else {}
        # A question's main program (`slug.py`) first, then its alternates (`slug.id.py`).
        files = sorted((f for f in os.listdir(src) if f.endswith(".py")),
                       key=lambda f: (f.split(".")[0], f.count("."), f))
        more = triggers_for(files, src)
        staged = [stage(os.path.join(src, f), root) + (f"::{more[f]}" if f in more else "") for f in files]
        out = os.path.join(root, "results.json")
        t0 = time.time()
        p = subprocess.Popen([sys.executable, os.path.join(HERE, "page_prelude.py"), out, *staged],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root)
        assert p.stdout is not None
        for line in p.stdout:
            if line.startswith("@@oracle "):  # the programs print too (console sinks, progress)
                r = json.loads(line[len("@@oracle "):])
                r["status"] = judged(r, refusals)
                detail = "" if r["status"] == "started" else ": " + r["error"].replace("\n", " ")
                print(f"{r['status']:>8}  {r['program']} ({r['seconds']}s){detail}", flush=True)
        p.wait()
        results = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else []
        for r in results:
            r["status"] = judged(r, refusals)
            if r["program"] in refusals:
                r["preset"] = True
                r["engineRefuses"] = refusals[r["program"]]
        done = {r["program"] for r in results}
        for f in files:
            if f not in done:
                results.append({"program": f, "status": "failed",
                                "error": f"not run: the runner process ended (exit {p.returncode}) before it"})
        print(f"oracle programs: ran in {time.time() - t0:.0f}s")
        counts = {k: sum(1 for r in results if r["status"] == k) for k in STATUSES}
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump({"programs": results, **counts}, fh, indent=1)
            fh.write("\n")
        print("oracle programs: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)
