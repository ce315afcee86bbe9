"""Values between Spark and the scenario format (shared/conformance/FORMAT.md).

A scenario row is a JSON array; a timestamp is seconds since the epoch (UTC), a struct is an
object of its fields, NULL is null. Rows compare as multisets unless ordered; doubles with a
relative tolerance of 1e-9 and timestamps to the microsecond, as the TypeScript runner does
(simulations/conformance/compare.ts).
"""
from __future__ import annotations

import calendar
import datetime as dt
import decimal
import math
from typing import Any

from pyspark.sql import Row


def to_json_value(v: Any) -> Any:
    """A value collected from Spark -> its scenario JSON form. The session and the Python
    process both run in UTC, so a naive datetime is UTC wall time."""
    if v is None:
        return None
    if isinstance(v, Row):
        fields = getattr(v, "__fields__", None)
        if fields is not None:
            return {k: to_json_value(x) for k, x in zip(fields, v)}
        return [to_json_value(x) for x in v]
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return calendar.timegm(v.timetuple()) + v.microsecond / 1e6
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    if isinstance(v, dict):
        return {str(k): to_json_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json_value(x) for x in v]
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return str(v)
    return v


def row_to_json(r: Any) -> list:
    """A top-level Row becomes an array in its column order (not an object)."""
    if isinstance(r, (Row, list, tuple)):
        return [to_json_value(x) for x in r]
    return [to_json_value(r)]


def value_equals(e: Any, a: Any) -> bool:
    if e is None or a is None:
        return e is None and a is None
    if isinstance(e, bool) or isinstance(a, bool):
        return type(e) is type(a) and e == a
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if e == a:
            return True
        if isinstance(e, float) or isinstance(a, float):
            diff = abs(e - a)
            # 5e-7: timestamps in seconds compare to the microsecond; 1e-9: doubles, relatively.
            return diff < 5e-7 or diff <= 1e-9 * max(abs(e), abs(a))
        return False
    if isinstance(e, list) and isinstance(a, list):
        return len(e) == len(a) and all(value_equals(x, y) for x, y in zip(e, a))
    if isinstance(e, dict) and isinstance(a, dict):
        return e.keys() == a.keys() and all(value_equals(e[k], a[k]) for k in e)
    return e == a


def rows_match(expected: list, actual: list, ordered: bool = False) -> bool:
    if len(expected) != len(actual):
        return False
    if ordered:
        return all(value_equals(e, a) for e, a in zip(expected, actual))
    used = [False] * len(actual)
    for e in expected:
        j = next((k for k, a in enumerate(actual) if not used[k] and value_equals(e, a)), -1)
        if j < 0:
            return False
        used[j] = True
    return True


def sets_match(expected: list, actual: list) -> bool:
    """`"set": true` in checkRecorded: distinct rows compared as sets."""
    def distinct(rows: list) -> list:
        out: list = []
        for r in rows:
            if not any(value_equals(r, o) for o in out):
                out.append(r)
        return out
    return rows_match(distinct(expected), distinct(actual))


def sort_key(v: Any) -> str:
    """A stable order for writing Spark's rows into a corrected scenario."""
    import json
    return json.dumps(v, sort_keys=True, default=str)


def show(rows: list) -> str:
    import json
    return "[]" if not rows else ",".join(json.dumps(r) for r in rows)
