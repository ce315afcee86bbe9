"""npm run oracle -- --pytest: every test-bench page's exported pytest module, at its defaults
and at each preset, run under pytest on real PySpark and compared with what the page shows.

`scripts/export-pytest.ts` writes the modules as the page's "Export as a pytest file" button
does, with `pytest-plan.json`: per module, each test's verdict on the page (passed, or failed
with the exception pytest reports and the test's line the page marks). One pytest process runs
them all (one JVM; a module's `spark_session` fixture gets the same session through
getOrCreate), with oracle/pytest_outcomes.py recording each test's outcome. A module agrees
when every test passes or fails as on the page, failures with the same exception type on the
same line of the test. Results in oracle/pytest.json; exits 1 on any disagreement.
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


def compare(plan: dict, spark: dict[str, dict]) -> tuple[str, list[str]]:
    if plan["engineRefuses"]:
        return "disagree", [f"the engine refuses the module ({plan['engineRefuses']}); pytest ran it"]
    why = []
    for t in plan["tests"]:
        s = spark.get(t["name"])
        if s is None:
            why.append(f"{t['name']}: pytest did not run it")
            continue
        page = ("passed" if t["passed"] else f"failed ({t['exception']} at line {t['failedLine']})")
        real = ("passed" if s["passed"] else f"failed ({s['exception']} at line {s['line']})")
        if page != real:
            why.append(f"{t['name']}: page {page}, Spark {real}")
    extra = set(spark) - {t["name"] for t in plan["tests"]}
    why += [f"{n}: pytest ran a test the page did not" for n in sorted(extra)]
    return ("agree" if not why else "disagree"), why


def main(out_path: str) -> int:
    root = tempfile.mkdtemp(prefix="oracle-pytest-")
    try:
        src = os.path.join(root, "tests")
        subprocess.run(["npx", "tsx", "scripts/export-pytest.ts", src], check=True, stdout=subprocess.DEVNULL)
        plans = json.load(open(os.path.join(src, "pytest-plan.json"), encoding="utf-8"))
        records = os.path.join(root, "outcomes.jsonl")
        env = {**os.environ, "ORACLE_PYTEST_OUT": records,
               "PYTHONPATH": HERE + os.pathsep + os.environ.get("PYTHONPATH", "")}
        t0 = time.time()
        p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "pytest_outcomes",
                            "--rootdir", src, src], env=env, cwd=src, capture_output=True, text=True)
        seconds = round(time.time() - t0, 1)
        summary = (p.stdout.strip().splitlines() or [""])[-1]
        print(f"oracle pytest: {summary} ({seconds}s)", flush=True)
        by_file: dict[str, dict[str, dict]] = {}
        if os.path.exists(records):
            for line in open(records, encoding="utf-8"):
                r = json.loads(line)
                by_file.setdefault(r["file"], {})[r["name"]] = r
        results = []
        for plan in plans:
            verdict, why = compare(plan, by_file.get(plan["file"], {}))
            results.append({**plan, "spark": list(by_file.get(plan["file"], {}).values()),
                            "verdict": verdict, "why": why})
            tag = "agree" if verdict == "agree" else "DISAGREE"
            print(f"{tag:>9}  {plan['slug']} @ {plan['preset']}{': ' + '; '.join(why) if why else ''}", flush=True)
        counts = {k: sum(1 for r in results if r["verdict"] == k) for k in ("agree", "disagree")}
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump({"pytest": summary, "seconds": seconds, "counts": counts, "modules": results}, fh, indent=1)
            fh.write("\n")
        print(f"oracle pytest: {counts['agree']} agree, {counts['disagree']} disagree")
        return 0 if counts["disagree"] == 0 else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
