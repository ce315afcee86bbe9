/**
 * The state store's side of the checkpoint on the fault-tolerance pages (advanced-04):
 * - the version a crashed batch wrote: a task commits its state store version when it finishes,
 *   before the sink write, so a driver that dies after the sink and before commits/N leaves
 *   `<N+1>.delta` behind (Spark's HDFSBackedStateStore.commit; the re-run writes it again);
 * - the RocksDB provider's names for the same versions: without changelog checkpointing every
 *   version is a checkpoint of its own (`N.zip`: the new SST files and a manifest); with it, each
 *   version uploads `N.changelog` and a snapshot `N.zip` follows every minDeltasForSnapshot
 *   versions (RocksDBFileManager; the guide's "RocksDB State Store Changelog Checkpointing");
 * - what a restart loads per partition: the latest snapshot at or below the version of the last
 *   committed batch, then the deltas (changelogs) after it;
 * - the state as the state data source reads it for a committed batch id (version batchId + 1).
 */
import {
	checkpointFiles,
	partitionOf,
	type CheckpointFile
} from '../../structured/failures/checkpoint-files';
import { isoText } from '../../core/calendar';
import type { Checkpoint } from '../../structured/runtime/executor';
import type { FtFile, FtRecovery, FtStateRow } from './frames';

const STATE_FILE = /^state\/(\d+)\/(\d+)\/(\d+)\.(delta|snapshot|changelog|zip)$/;

/** The state files of version `batchId + 1` that a batch which died before its commit wrote. */
export function crashedBatchStateFiles(
	history: readonly Checkpoint[],
	crashed: Checkpoint,
	state: readonly unknown[],
	conf: Readonly<Record<string, string>>,
	queryId: string
): CheckpointFile[] {
	const last = crashed.offsets.at(-1);
	if (!last) return [];
	const asCommitted: Checkpoint = {
		offsets: crashed.offsets,
		commits: [...crashed.commits, { batchId: last.batchId, nextBatchWatermarkMs: 0 }],
		state: Object.fromEntries(state.map((s, i) => [i, s]))
	};
	const version = `/${last.batchId + 1}.`;
	return checkpointFiles([...history, asCommitted], conf, queryId).filter(
		(f) => f.path.startsWith('state/') && f.path.includes(version)
	);
}

export type StoreLayout = 'hdfs' | 'rocksdb' | 'rocksdb-changelog';

export function storeLayout(conf: Readonly<Record<string, string>>): StoreLayout {
	const provider = conf['spark.sql.streaming.stateStore.providerClass'] ?? '';
	if (!/RocksDB/i.test(provider)) return 'hdfs';
	return conf['spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled'] === 'true'
		? 'rocksdb-changelog'
		: 'rocksdb';
}

/** The files as the provider names them (HDFS-backed: unchanged). */
export function asProviderFiles(files: readonly FtFile[], layout: StoreLayout): FtFile[] {
	if (layout === 'hdfs') return [...files];
	const out: FtFile[] = [];
	for (const f of files) {
		const m = STATE_FILE.exec(f.path);
		if (!m) {
			out.push(f);
			continue;
		}
		const base = f.path.slice(0, f.path.lastIndexOf('.'));
		if (layout === 'rocksdb') {
			// Every version is a checkpoint: its zip lists the SST files that hold every key.
			if (m[4] === 'snapshot') continue;
			out.push({ ...f, path: `${base}.zip` });
		} else out.push({ ...f, path: `${base}.${m[4] === 'delta' ? 'changelog' : 'zip'}` });
	}
	return out;
}

/** Per partition, what a restart loads to get back to `version`. */
export function recoveryPlan(
	files: readonly FtFile[],
	version: number,
	layout: StoreLayout
): FtRecovery['partitions'] {
	const by = new Map<string, { snapshots: number[]; deltas: number[] }>();
	for (const f of files) {
		const m = STATE_FILE.exec(f.path);
		if (!m) continue;
		const dir = `state/${m[1]}/${m[2]}`;
		const v = Number(m[3]);
		if (v > version) continue;
		const e = by.get(dir) ?? { snapshots: [], deltas: [] };
		by.set(dir, e);
		const isSnapshot =
			m[4] === 'snapshot' ||
			(m[4] === 'zip' && layout === 'rocksdb-changelog') ||
			layout === 'rocksdb';
		(isSnapshot ? e.snapshots : e.deltas).push(v);
	}
	return [...by.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([dir, e]) => {
			const snapshot = e.snapshots.length > 0 ? Math.max(...e.snapshots) : null;
			const from = snapshot ?? 0;
			const deltas = [...new Set(e.deltas)].filter((v) => v > from).sort((a, b) => a - b);
			return { dir, snapshot, deltas, version };
		});
}

/** A key or buffer value as the table shows it: a window as [start, end), a buffer as name=value. */
function shown(v: unknown): string {
	if (v !== null && typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (typeof o.start === 'number' && typeof o.end === 'number')
			return `[${isoText(o.start / 1000).slice(11, 16)}, ${isoText(o.end / 1000).slice(11, 16)})`;
		return Object.entries(o)
			.map(([k, x]) => `${k}=${typeof x === 'number' ? Number(x.toFixed(2)) : String(x)}`)
			.join(' ');
	}
	return String(v);
}

/** The state the state data source reads for `batchId`: version batchId + 1, key by key. */
export function stateRowsAt(
	history: readonly Checkpoint[],
	batchId: number,
	partitions: number
): FtStateRow[] | null {
	const cp = history.find((c) => c.commits.at(-1)?.batchId === batchId);
	if (!cp) return null;
	const rows: FtStateRow[] = [];
	for (const [op, snap] of Object.entries(cp.state)) {
		const entries = (snap as { entries?: readonly (readonly [string, unknown])[] }).entries ?? [];
		for (const [key, value] of entries) {
			// An aggregation's entry holds its key's values (k) and its aggregate buffers (b).
			const v = value as { k?: readonly unknown[]; b?: readonly Record<string, unknown>[] };
			rows.push({
				operator: Number(op),
				key: (v.k ?? [key]).map(shown).join(', '),
				value: (v.b ?? [value]).map(shown).join(', '),
				partition: partitionOf(key, partitions)
			});
		}
	}
	return rows;
}
