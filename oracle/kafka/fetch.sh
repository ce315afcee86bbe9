#!/usr/bin/env bash
# Fetches the oracle's Kafka jars with Maven (the registry's ordinary client) into .oracle/kafka/
# (gitignored): spark/ holds Spark's Kafka connector and the client it needs (handed to the
# Spark session), broker/ a Kafka broker's runtime classpath (run in its own JVM by
# oracle/kafka_broker.py). Idempotent: a stamp holding both poms' checksum makes a second run
# return at once; a changed pom fetches again. Needs `mvn` and `java` on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="$root/.oracle/kafka"
stamp="$dest/.poms.sha256"
want="$(cat "$here/pom.xml" "$here/broker/pom.xml" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
	exit 0
fi
command -v mvn >/dev/null || { echo "oracle: mvn is required to fetch the Kafka jars" >&2; exit 1; }
start=$(date +%s)
rm -rf "$dest/spark" "$dest/broker"
mkdir -p "$dest"
# Spark ships kafka-clients' compression codecs, Hadoop and Scala itself: only the connector,
# its token provider, kafka-clients and commons-pool2 are added to PySpark's jars.
mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dest/spark" \
	-DincludeArtifactIds=spark-sql-kafka-0-10_2.13,spark-token-provider-kafka-0-10_2.13,kafka-clients,commons-pool2
mvn -q -B -f "$here/broker/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dest/broker" -DincludeScope=runtime
echo "$want" > "$stamp"
echo "oracle: Kafka jars fetched in $(( $(date +%s) - start ))s ($(ls "$dest/spark" | wc -l) for Spark, $(ls "$dest/broker" | wc -l) for the broker)" >&2
