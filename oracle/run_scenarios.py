"""npm run oracle [-- DIR ...] [--only TEXT] [--out FILE] [--rewrite]

Runs conformance scenarios on real Spark (PySpark from .oracle/venv) and gives each a verdict:
agree, disagree (with Spark's actual output) or could-not-run (with why). Writes the verdicts
as JSON and ends with exactly one line: `oracle: A agree, D disagree, U could not run`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from session import apply_conf, reset_conf, start_session  # noqa: E402


def verdict_of(spark, s: dict, work: str) -> dict:
    from dstream import TimedOut, run_dstream
    from inputs import Unsupported
    from structured import StructuredRun, corrected_steps, unsupported_reason

    out: dict = {"id": s["id"]}
    if s.get("api") == "dstream":
        try:
            steps = run_dstream(spark, s, os.path.join(work, "checkpoint"))
        except TimedOut as e:
            return {**out, "verdict": "could-not-run", "why": str(e)}
        except Exception as e:
            return {**out, "verdict": "could-not-run", "why": f"harness error: {type(e).__name__}: {str(e)[:500]}"}
        ok = all(r["ok"] for r in steps)
        res = {**out, "verdict": "agree" if ok else "disagree", "steps": steps}
        if not ok:
            res["spark"] = {"expected": steps[0]["actual"]}
            res["first"] = steps[0]["error"]
        return res
    why = unsupported_reason(s)
    if why:
        return {**out, "verdict": "could-not-run", "why": why}
    keys = apply_conf(spark, s.get("conf") or {})
    run = StructuredRun(spark, s, work)
    try:
        steps = run.run()
    except Unsupported as e:
        run.stop()
        return {**out, "verdict": "could-not-run", "why": str(e)}
    except Exception as e:
        try:
            run.stop()
        except Exception:
            pass
        tb = traceback.format_exc(limit=3)
        return {**out, "verdict": "could-not-run", "why": f"harness error: {type(e).__name__}: {str(e)[:400]}", "trace": tb[-1500:]}
    finally:
        reset_conf(spark, keys)
    failing = [r for r in steps if not r["ok"]]
    res = {**out, "verdict": "agree" if not failing else "disagree", "steps": steps}
    if failing:
        fixed, cannot = corrected_steps(s["steps"], steps)
        res["first"] = f"step {failing[0]['i']} {failing[0]['step']}: {failing[0].get('error', '')[:600]}"
        res["spark"] = {"steps": fixed}
        if cannot:
            res["uncorrectable"] = cannot
    return res


def start_kafka_if_read(files: list[str]):
    """A broker (kafka_broker.py) when a scenario has a Kafka input, else None. When the jars
    cannot be fetched or the broker does not start, Kafka scenarios are "could not run" with
    that reason."""
    import structured
    reads = False
    for path in files:
        with open(path, encoding="utf-8") as fh:
            ins = json.load(fh).get("inputs") or {}
        reads = reads or any(isinstance(v, dict) and v.get("kind") == "kafka" for v in ins.values())
    if not reads:
        return None
    from kafka_broker import Broker, fetch
    try:
        fetch()
        broker = Broker()
        took = broker.start()
    except Exception as e:
        structured.KAFKA_WHY_NOT = f"the Kafka broker could not be started: {str(e)[:300]}"
        print(f"oracle: {structured.KAFKA_WHY_NOT}", flush=True)
        return None
    print(f"oracle: Kafka broker (KRaft, {broker.bootstrap}) up in {took:.1f}s", flush=True)
    return broker


def main() -> int:
    # SIGTERM ends the run through SystemExit, so `finally` blocks stop the Kafka broker's JVM.
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=["tests/conformance/spark"])
    ap.add_argument("--only", default=None, help="run scenarios whose id contains this text")
    ap.add_argument("--out", default=None, help="verdict file (default oracle/verdicts.json)")
    ap.add_argument("--rewrite", action="store_true",
                    help="write Spark's output into disagreeing scenarios of the first DIR and list them in known-differences.json")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--programs", nargs="?", const="", default=None,
                    help="start every page program on Spark (exported at defaults, or the .py files in this DIR)")
    ap.add_argument("--presets", action="store_true",
                    help="with --programs: also every simulation's program at each of its presets")
    ap.add_argument("--diff", type=int, default=None, metavar="N",
                    help="differential testing: N random programs on Spark and on the engine")
    ap.add_argument("--kafka-pages", action="store_true",
                    help="the Kafka pages' programs on a real broker, compared with their simulations")
    ap.add_argument("--pytest", action="store_true",
                    help="the test-bench pages' exported pytest modules run under pytest, compared with the page")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--joins", action="store_true", help="with --diff: every random program joins")
    args = ap.parse_args()
    if args.diff is not None:
        from differential import main as diff_main
        spark, jvm_s = start_session()
        print(f"oracle: Spark {spark.version} session up in {jvm_s:.1f}s", flush=True)
        here = os.path.dirname(os.path.abspath(__file__))
        try:
            out = args.out or os.path.join(here, "differential.json")
            if args.joins:
                return diff_main(spark, args.diff, args.seed, out, join_share=1.0)
            return diff_main(spark, args.diff, args.seed, out)
        finally:
            spark.stop()
    if args.pytest:
        from pytest_pages import main as pytest_main
        here = os.path.dirname(os.path.abspath(__file__))
        return pytest_main(args.out or os.path.join(here, "pytest.json"))
    if args.kafka_pages:
        from kafka_pages import main as kafka_pages_main
        here = os.path.dirname(os.path.abspath(__file__))
        return kafka_pages_main(args.only, args.out or os.path.join(here, "kafka-pages.json"))
    if args.programs is not None:
        from programs import main as programs_main
        here = os.path.dirname(os.path.abspath(__file__))
        return programs_main(args.programs or None, args.out or os.path.join(here, "programs.json"), args.presets)

    files = []
    for d in args.dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".json"):
                files.append(os.path.join(d, f))
    t0 = time.time()
    broker = start_kafka_if_read(files)
    from kafka_broker import spark_jars
    spark, jvm_s = start_session(spark_jars() if broker else None)
    print(f"oracle: Spark {spark.version} session up in {jvm_s:.1f}s", flush=True)
    if broker:
        import structured
        from kafka_broker import Topics
        structured.KAFKA = Topics(spark, broker.bootstrap)
    results = []
    root = tempfile.mkdtemp(prefix="oracle-")
    try:
        for path in files:
            with open(path, encoding="utf-8") as fh:
                s = json.load(fh)
            if args.only and args.only not in s["id"]:
                continue
            work = os.path.join(root, s["id"])
            os.makedirs(work, exist_ok=True)
            t = time.time()
            v = verdict_of(spark, s, work)
            v["file"] = path
            v["seconds"] = round(time.time() - t, 2)
            results.append(v)
            shutil.rmtree(work, ignore_errors=True)
            tag = {"agree": "agree", "disagree": "DISAGREE", "could-not-run": "could not run"}[v["verdict"]]
            detail = v.get("first") or v.get("why") or ""
            if not args.quiet or v["verdict"] != "agree":
                print(f"{tag:>13}  {s['id']} ({v['seconds']}s){': ' + detail if detail else ''}", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    total = time.time() - t0
    counts = {k: sum(1 for r in results if r["verdict"] == k) for k in ("agree", "disagree", "could-not-run")}
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "verdicts.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"spark": spark.version, "dirs": args.dirs, "counts": counts, "jvmStartSeconds": round(jvm_s, 1),
                   "totalSeconds": round(total, 1), "scenarios": results}, fh, indent=1)
        fh.write("\n")
    if args.rewrite:
        from rewrite import rewrite
        rewrite(results, args.dirs[0])
    if broker:
        import structured
        structured.KAFKA.close()
        broker.stop()
    spark.stop()
    print(f"oracle: {counts['agree']} agree, {counts['disagree']} disagree, {counts['could-not-run']} could not run")
    # A disagreement is a finding to act on (fix the scenario or the harness); "could not run"
    # is reported but does not fail, its reasons are listed above.
    return 1 if counts["disagree"] and not args.rewrite else 0


if __name__ == "__main__":
    sys.exit(main())
