"""The one local Spark session every scenario runs in: local[2], UI off, a 2 GB driver heap
(other work shares the machine), UTC everywhere so timestamps read back as epoch seconds."""
from __future__ import annotations

import os
import sys
import time

# Python workers must be this virtualenv's interpreter, and Python's own clock UTC, before
# PySpark starts the JVM.
os.environ["PYSPARK_PYTHON"] = sys.executable
os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
os.environ["TZ"] = "UTC"
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
time.tzset()

from pyspark.sql import SparkSession  # noqa: E402

LOG4J = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log4j2.properties")

# Settings that every scenario starts from; a scenario's `conf` is applied on top and undone.
BASE_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.sql.session.timeZone": "UTC",
    # Idle progress events would look like executed batches to the metrics steps.
    "spark.sql.streaming.noDataProgressEventInterval": "86400000",
    "spark.sql.streaming.forceDeleteTempCheckpointLocation": "true",
}


def start_session(jars: list[str] | None = None) -> tuple[SparkSession, float]:
    """`jars`: extra jars for the driver (the Kafka connector when a scenario reads Kafka)."""
    t0 = time.time()
    b = (
        SparkSession.builder.master("local[2]")
        .appName("pyspark-streaming-playground-oracle")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.driver.extraJavaOptions", f"-Duser.timezone=UTC -XX:+UseSerialGC -Dlog4j2.configurationFile={LOG4J}")
        .config("spark.executor.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    for k, v in BASE_CONF.items():
        b = b.config(k, v)
    if jars:
        b = b.config("spark.jars", ",".join(jars))
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("FATAL")
    return spark, time.time() - t0


def apply_conf(spark: SparkSession, conf: dict) -> list[str]:
    for k, v in conf.items():
        spark.conf.set(k, str(v))
    return list(conf)


def reset_conf(spark: SparkSession, keys: list[str]) -> None:
    for k in keys:
        if k in BASE_CONF:
            spark.conf.set(k, BASE_CONF[k])
        else:
            spark.conf.unset(k)
