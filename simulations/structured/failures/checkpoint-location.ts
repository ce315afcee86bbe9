/**
 * Where a query keeps its checkpoint (StreamingQueryManager.createQuery's
 * resolveCheckpointLocation): the writer's `checkpointLocation` option, else the session's
 * `spark.sql.streaming.checkpointLocation` (a sub-directory named by the query), else a temporary
 * directory, which only the memory and console sinks may use (DataStreamWriter sets
 * useTempCheckpointLocation for them). Any other sink without one is refused at start() with
 * Spark's AnalysisException (text checked on PySpark 4.1).
 */
export const CHECKPOINT_LOCATION_REQUIRED =
	'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).';

export type CheckpointLocation =
	| { readonly ok: true; readonly path: string; readonly temporary: boolean }
	| { readonly ok: false; readonly error: string };

export function checkpointLocation(
	options: Readonly<Record<string, string>>,
	conf: Readonly<Record<string, string>>,
	sinkFormat: string,
	queryName: string | undefined
): CheckpointLocation {
	const own = options['checkpointLocation'];
	if (own !== undefined) return { ok: true, path: own, temporary: false };
	const root = conf['spark.sql.streaming.checkpointLocation'];
	if (root !== undefined)
		return {
			ok: true,
			path: `${root.replace(/\/$/, '')}/${queryName ?? '<query id>'}`,
			temporary: false
		};
	if (sinkFormat === 'memory' || sinkFormat === 'console')
		return { ok: true, path: '<temporary directory>', temporary: true };
	return { ok: false, error: CHECKPOINT_LOCATION_REQUIRED };
}
