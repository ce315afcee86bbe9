"""A pytest plugin for `npm run oracle -- --pytest` (pytest_pages.py): records each test's
outcome as the page shows it. For a failure: the exception's type, its message, and the line of
the test function where it surfaced (the test's own statement, not a helper's or PySpark's),
which is the line the page marks. Written as JSON lines to $ORACLE_PYTEST_OUT."""
from __future__ import annotations

import json
import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" and not report.failed:
        return
    record = {"file": os.path.basename(str(item.path)), "name": item.name, "when": report.when,
              "passed": report.passed, "exception": None, "message": None, "line": None}
    if call.excinfo is not None:
        record["exception"] = call.excinfo.typename
        record["message"] = str(call.excinfo.value).split("\n")[0][:400]
        # The test function's own frame: the statement of the test that failed (an assert, or
        # the call that raised Spark's exception), which is the step the page marks failed.
        mine = [e for e in call.excinfo.traceback
                if str(e.path) == str(item.path) and e.name == item.originalname]
        if mine:
            record["line"] = mine[-1].lineno + 1  # pytest's entries are 0-based
    with open(os.environ["ORACLE_PYTEST_OUT"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
