"""A single-node Kafka broker in KRaft mode on loopback, for the oracle's Kafka scenarios and
page programs, and the topic operations they need, done through the Spark JVM's own Kafka
client (Py4J), so the harness needs no Python Kafka package.

The jars come from oracle/kafka/fetch.sh (Maven, cached under .oracle/kafka/). The broker runs
in its own JVM (its Scala and Jackson never meet Spark's), is formatted fresh in a temporary
directory, listens on a free loopback port, and is stopped by its process id.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JARS = os.path.join(ROOT, ".oracle", "kafka")
# A fixed cluster id (Kafka's base64 UUID form): every run formats a fresh directory anyway.
CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ"
START_TIMEOUT_S = 120


def fetch() -> None:
    subprocess.run(["bash", os.path.join(HERE, "kafka", "fetch.sh")], check=True)


def spark_jars() -> list[str]:
    d = os.path.join(JARS, "spark")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".jar")) if os.path.isdir(d) else []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="oracle-kafka-")
        self.port = _free_port()
        self.controller = _free_port()
        self.proc: subprocess.Popen | None = None
        self.log = os.path.join(self.dir, "broker.log")

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> float:
        t0 = time.time()
        props = os.path.join(self.dir, "server.properties")
        with open(props, "w") as fh:
            fh.write("\n".join([
                "process.roles=broker,controller",
                "node.id=1",
                f"controller.quorum.voters=1@127.0.0.1:{self.controller}",
                f"listeners=PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller}",
                f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                f"log.dirs={os.path.join(self.dir, 'data')}",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                # Topics are deleted between scenarios; the harness creates every topic itself.
                "delete.topic.enable=true",
                "auto.create.topics.enable=false",
                # The pages' records carry their simulated clock (2026-01-01) as Kafka timestamps,
                # older than the default 7-day time retention: the broker's retention check would
                # delete them mid-run and Spark would fail the query with "Some data may have been
                # lost". Nothing the oracle replays ages out by time.
                "log.retention.ms=-1",
            ]) + "\n")
        cp = os.path.join(JARS, "broker", "*")
        java = ["java", "-Xmx384m", "-XX:+UseSerialGC", "-cp", cp]
        subprocess.run(java + ["kafka.tools.StorageTool", "format", "-t", CLUSTER_ID, "-c", props],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log = open(self.log, "w")
        self.proc = subprocess.Popen(java + ["kafka.Kafka", props], stdout=log, stderr=subprocess.STDOUT)
        while time.time() - t0 < START_TIMEOUT_S:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the Kafka broker exited ({self.proc.returncode}); see {self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return time.time() - t0
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the Kafka broker did not listen within {START_TIMEOUT_S} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)


class Topics:
    """Admin and producer calls through the Spark JVM's kafka-clients (Py4J)."""

    def __init__(self, spark, bootstrap: str) -> None:
        self.jvm = spark._jvm
        self.bootstrap = bootstrap
        props = self._props({"bootstrap.servers": bootstrap})
        self.admin = self.jvm.org.apache.kafka.clients.admin.Admin.create(props)
        self.producer = None

    def _props(self, d: dict) -> object:
        p = self.jvm.java.util.Properties()
        for k, v in d.items():
            p.setProperty(k, str(v))
        return p

    def _list(self, items: list) -> object:
        jl = self.jvm.java.util.ArrayList()
        for x in items:
            jl.add(x)
        return jl

    def names(self) -> set[str]:
        return {str(n) for n in self.admin.listTopics().names().get()}

    def reset(self, topics: dict[str, int]) -> None:
        """Deletes every topic, then creates `topics` (name -> partitions). Creation is retried
        while a deleted topic of the same name is still being removed."""
        # A producer caches topic metadata: one that saw a deleted topic's partitions would
        # send to partitions the new topic of that name lacks.
        if self.producer is not None:
            self.producer.close()
            self.producer = None
        old = [n for n in self.names() if not n.startswith("__")]
        if old:
            self.admin.deleteTopics(self._list(old)).all().get()
        deadline = time.time() + 60
        NewTopic = self.jvm.org.apache.kafka.clients.admin.NewTopic
        for name, parts in topics.items():
            while True:
                try:
                    self.admin.createTopics(self._list([NewTopic(name, int(parts), 1)])).all().get()
                    break
                except Exception as e:  # TopicExistsException while the old one is deleted
                    if "TopicExists" not in str(e) or time.time() > deadline:
                        raise
                    time.sleep(0.3)

    def add_partitions(self, topic: str, total: int) -> None:
        NewPartitions = self.jvm.org.apache.kafka.clients.admin.NewPartitions
        m = self.jvm.java.util.HashMap()
        m.put(topic, NewPartitions.increaseTo(int(total)))
        self.admin.createPartitions(m).all().get()

    def partitions(self, topic: str) -> int:
        d = self.admin.describeTopics(self._list([topic])).allTopicNames().get()
        return int(d.get(topic).partitions().size())

    def send(self, records: list[tuple[str, int | None, int | None, str | None, str]]) -> None:
        """(topic, partition or None, timestamp ms or None, key, value) records, flushed before
        returning. A long linger makes one flush one produce request per partition, so a batch of
        records becomes visible to a reader at once, not half-way."""
        if self.producer is None:
            ser = "org.apache.kafka.common.serialization.StringSerializer"
            self.producer = self.jvm.org.apache.kafka.clients.producer.KafkaProducer(self._props({
                "bootstrap.servers": self.bootstrap, "key.serializer": ser, "value.serializer": ser,
                "linger.ms": 60000, "batch.size": 4 * 1024 * 1024, "acks": "all"}))
        ProducerRecord = self.jvm.org.apache.kafka.clients.producer.ProducerRecord
        Integer, Long = self.jvm.java.lang.Integer, self.jvm.java.lang.Long
        futures = []
        for topic, part, ts, key, value in records:
            p = None if part is None else Integer.valueOf(int(part))
            # Always a timestamp: with (topic, partition, timestamp, key, value) Py4J has one
            # constructor to pick; no timestamp is the producer's send time, as Kafka sets it.
            t = Long.valueOf(int(ts if ts is not None else time.time() * 1000))
            futures.append(self.producer.send(ProducerRecord(topic, p, t, key, value)))
        self.producer.flush()
        for f in futures:
            f.get()

    def end_offsets(self, topic: str) -> dict[int, int]:
        OffsetSpec = self.jvm.org.apache.kafka.clients.admin.OffsetSpec
        TopicPartition = self.jvm.org.apache.kafka.common.TopicPartition
        m = self.jvm.java.util.HashMap()
        for p in range(self.partitions(topic)):
            m.put(TopicPartition(topic, p), OffsetSpec.latest())
        got = self.admin.listOffsets(m).all().get()
        return {int(tp.partition()): int(got.get(tp).offset()) for tp in got.keySet()}

    def close(self) -> None:
        if self.producer is not None:
            self.producer.close()
            self.producer = None
        self.admin.close()
