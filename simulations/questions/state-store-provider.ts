/**
 * The state store provider as a page parameter: `spark.sql.streaming.stateStore.providerClass`
 * in the program, HDFS-backed or RocksDB. The fault-tolerance kind reads the class from the
 * program's conf (state-store-files.ts) to name the store's checkpoint files, so the choice is
 * only ever the program's text. Shared by the pages that offer it (advanced-01, advanced-04).
 */
import { choiceSpec, type ParamSpec } from '../core/params';
import type { SpanRewrite } from '../core/template';
import { lastString } from '../kinds/event-time/spans';

export const PROVIDER_CLASSES = {
	hdfs: 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider',
	rocksdb: 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider'
} as const;

export const stateStoreProviderParam = (help: string): ParamSpec =>
	choiceSpec(
		'stateStoreProvider',
		'state store',
		[
			['hdfs', 'HDFS-backed (deltas + snapshots)'],
			['rocksdb', 'RocksDB']
		],
		help
	);

/** The span's rewrite: the class name string on the `# <- stateStoreProvider` line. */
export const providerRewrite = (params: Readonly<Record<string, unknown>>): SpanRewrite =>
	lastString(
		params.stateStoreProvider === 'rocksdb' ? PROVIDER_CLASSES.rocksdb : PROVIDER_CLASSES.hdfs
	);
