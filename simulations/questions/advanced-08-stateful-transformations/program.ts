// Imported from QUESTIONS.md (advanced-08-stateful-transformations) by scripts/import-questions.mjs; edit here from now on.
import type { ProgramTemplate } from '../../core/template';
import { sparkSession } from '../sensor-events-program';

export const programs: readonly ProgramTemplate[] = [
	{
		id: 'main',
		label: 'Structured Streaming, default parameters',
		api: 'structured',
		template: String.raw`# advanced-08: sessions per user with applyInPandasWithState and a timeout.
from typing import Iterator, Tuple

import pandas as pd

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupState, GroupStateTimeout

CLICK_SCHEMA = "user STRING, page STRING, event_time TIMESTAMP"
SESSION_TIMEOUT_MS = 10000  # <- sessionTimeout

${sparkSession('advanced-08-stateful-transformations')}

clicks = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "clicks")
    .load()
    .select(F.from_json(F.col("value").cast("string"), CLICK_SCHEMA).alias("c"))
    .select("c.*")
    .withWatermark("event_time", "10 seconds")  # <- timeoutKind
)


def track_session(
    key: Tuple[str], pdfs: Iterator[pd.DataFrame], state: GroupState
) -> Iterator[pd.DataFrame]:
    if state.hasTimedOut:
        # Called with no rows: the user was idle past the deadline. Emit the session and forget it.
        (count, first_seen, last_seen) = state.get
        state.remove()
        yield pd.DataFrame(
            {
                "user": [key[0]],
                "clicks": [count],
                "session_start": [first_seen],
                "session_end": [last_seen],
            }
        )
        return

    (count, first_seen, last_seen) = state.get if state.exists else (0, None, None)
    for pdf in pdfs:
        count += len(pdf)
        batch_first = pdf["event_time"].min()
        batch_last = pdf["event_time"].max()
        first_seen = batch_first if first_seen is None else min(first_seen, batch_first)
        last_seen = batch_last if last_seen is None else max(last_seen, batch_last)
    state.update((count, first_seen, last_seen))
    state.setTimeoutDuration(SESSION_TIMEOUT_MS)  # <- timeoutKind


sessions = clicks.groupBy("user").applyInPandasWithState(
    track_session,
    outputStructType="user STRING, clicks LONG, session_start TIMESTAMP, session_end TIMESTAMP",
    stateStructType="clicks LONG, session_start TIMESTAMP, session_end TIMESTAMP",
    outputMode="append",
    timeoutConf=GroupStateTimeout.ProcessingTimeTimeout,  # <- timeoutKind
)

query = (
    sessions.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", "false")
    .option("checkpointLocation", "/tmp/playground/checkpoints/advanced-08-stateful-transformations")
    .trigger(processingTime="2 seconds")  # <- triggerInterval
    .start()
)
query.awaitTermination()
`
	}
];
