/**
 * The checkpoint as the files Spark writes (SPARK-SEMANTICS R6): `metadata` (the query id),
 * `offsets/N` (`v1`, the batch's watermark, timestamp and the pinned confs, then one offset per
 * source), `commits/N` (`v1`, nextBatchWatermarkMs), and per stateful operator and partition
 * `state/<op>/<partition>/<version>.delta` (the keys put and removed by that version) plus
 * `<version>.snapshot` (every key) once `minDeltasForSnapshot` deltas (default 10) followed the
 * last snapshot (HDFSBackedStateStoreProvider's maintenance, modelled as running after each
 * batch; Spark runs it on a timer). Versions are batch id + 1.
 *
 * A key's partition comes from a stable string hash modulo spark.sql.shuffle.partitions: the
 * playground's stand-in for Spark's Murmur3 hash of the key row, so a key lands in one fixed
 * partition but not necessarily the one Spark would pick.
 */
import type { Checkpoint } from '../runtime/executor';

export interface CheckpointFile {
	readonly path: string;
	readonly content: string;
	/** The batch whose run wrote it. */
	readonly batchId: number;
}

/** Confs the offset log pins: a restart keeps the first run's value (OffsetSeqMetadata). */
export const PINNED_CONFS = [
	'spark.sql.shuffle.partitions',
	'spark.sql.streaming.multipleWatermarkPolicy',
	'spark.sql.streaming.stateStore.providerClass',
	'spark.sql.streaming.aggregation.stateFormatVersion',
	'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion',
	'spark.sql.streaming.join.stateFormatVersion',
	'spark.sql.streaming.statefulOperator.useStrictDistribution'
] as const;

const DEFAULTS: Readonly<Record<string, string>> = {
	'spark.sql.shuffle.partitions': '200',
	'spark.sql.streaming.multipleWatermarkPolicy': 'min',
	'spark.sql.streaming.stateStore.providerClass':
		'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider',
	'spark.sql.streaming.aggregation.stateFormatVersion': '2',
	'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion': '2',
	'spark.sql.streaming.join.stateFormatVersion': '2',
	'spark.sql.streaming.statefulOperator.useStrictDistribution': 'true'
};

export function partitionOf(key: string, partitions: number): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
	return h % partitions;
}

interface Snap {
	readonly entries: readonly (readonly [string, unknown])[];
}

/**
 * The files after each batch, from the checkpoint taken after it (`history[i]` is the checkpoint
 * after the i-th committed batch). Files are listed in the order they were written.
 */
export function checkpointFiles(
	history: readonly Checkpoint[],
	conf: Readonly<Record<string, string>>,
	queryId = 'query',
	minDeltasForSnapshot = Number(conf['spark.sql.streaming.stateStore.minDeltasForSnapshot'] ?? 10)
): CheckpointFile[] {
	const files: CheckpointFile[] = [
		{ path: 'metadata', content: JSON.stringify({ id: queryId }), batchId: -1 }
	];
	const partitions = Number(
		conf['spark.sql.shuffle.partitions'] ?? DEFAULTS['spark.sql.shuffle.partitions']
	);
	const pinned = Object.fromEntries(PINNED_CONFS.map((k) => [k, conf[k] ?? DEFAULTS[k]]));
	const written = new Set<number>();
	const committed = new Set<number>();
	let prev: Record<string, Map<string, string>> = {};
	const lastSnapshot: Record<string, number> = {};
	for (const cp of history) {
		for (const o of cp.offsets) {
			if (written.has(o.batchId)) continue;
			written.add(o.batchId);
			const meta = {
				batchWatermarkMs: o.batchWatermarkMs,
				batchTimestampMs: o.batchTimestampMs,
				conf: pinned
			};
			// A memory stream's offset counts its blocks; Spark's MemoryStream writes LongOffset,
			// the index of the last block (0 after the first addData).
			const sources = Object.values(o.offsets).map((v) =>
				JSON.stringify(typeof v === 'number' ? v - 1 : v)
			);
			files.push({
				path: `offsets/${o.batchId}`,
				content: ['v1', JSON.stringify(meta), ...sources].join('\n'),
				batchId: o.batchId
			});
		}
		const commit = cp.commits[cp.commits.length - 1];
		if (!commit || committed.has(commit.batchId)) continue;
		committed.add(commit.batchId);
		const version = commit.batchId + 1;
		const next: Record<string, Map<string, string>> = {};
		for (const [op, snap] of Object.entries(cp.state)) {
			const now = new Map(((snap as Snap).entries ?? []).map(([k, v]) => [k, JSON.stringify(v)]));
			next[op] = now;
			const before = prev[op] ?? new Map<string, string>();
			for (let p = 0; p < partitions; p++) {
				const inP = (k: string) => partitionOf(k, partitions) === p;
				const puts = [...now].filter(([k, v]) => inP(k) && before.get(k) !== v);
				const removes = [...before.keys()].filter((k) => inP(k) && !now.has(k));
				const dir = `state/${op}/${p}`;
				// Every partition writes a delta each version, empty or not (each task commits).
				files.push({
					path: `${dir}/${version}.delta`,
					content: JSON.stringify({
						put: Object.fromEntries(puts.map(([k, v]) => [k, JSON.parse(v)])),
						remove: removes
					}),
					batchId: commit.batchId
				});
				const key = `${op}/${p}`;
				if (version - (lastSnapshot[key] ?? 0) >= minDeltasForSnapshot) {
					lastSnapshot[key] = version;
					files.push({
						path: `${dir}/${version}.snapshot`,
						content: JSON.stringify(
							Object.fromEntries(
								[...now].filter(([k]) => inP(k)).map(([k, v]) => [k, JSON.parse(v)])
							)
						),
						batchId: commit.batchId
					});
				}
			}
		}
		prev = next;
		files.push({
			path: `commits/${commit.batchId}`,
			content: ['v1', JSON.stringify({ nextBatchWatermarkMs: commit.nextBatchWatermarkMs })].join(
				'\n'
			),
			batchId: commit.batchId
		});
	}
	return files;
}
