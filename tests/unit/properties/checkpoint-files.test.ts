// The checkpoint as files: offsets before commits, one delta per partition and version, a
// snapshot once minDeltasForSnapshot deltas followed the last one, and a failed batch's
// offsets/N without its commit until the re-run writes it.
import { describe, expect, it } from 'vitest';
import { prepareQuery } from '../../../simulations/structured/index';
import type { AnalyzedQuery } from '../../../simulations/structured/analyzer/types';
import { checkpointFiles } from '../../../simulations/structured/failures/checkpoint-files';
import { runWithFailures } from '../../../simulations/structured/failures/schedule';
import type { Row } from '../../../simulations/structured/runtime/context';

const conf = {
	'spark.sql.shuffle.partitions': '2',
	'spark.sql.streaming.stateStore.minDeltasForSnapshot': '2'
};
const q = prepareQuery(
	`from pyspark.sql import functions as F
q = events.groupBy("key").count().writeStream.outputMode("update").format("memory").queryName("c").start()
`,
	{ events: [{ name: 'key', type: { kind: 'string' } }] },
	conf
);
if (!q.ok) throw new Error(q.error.message);
const query = q.value as AnalyzedQuery;
const input: Row[][] = [[['a']], [['b']], [['a'], ['c']]];

describe('checkpoint files', () => {
	it('writes offsets/N, the state deltas and snapshots of version N+1, then commits/N', () => {
		const run = runWithFailures(query, 'events', input, []);
		const files = checkpointFiles(run.checkpoints, query.conf);
		const paths = files.map((f) => f.path);
		expect(paths[0]).toBe('metadata');
		expect(paths.filter((p) => p.startsWith('offsets/'))).toEqual([
			'offsets/0',
			'offsets/1',
			'offsets/2'
		]);
		expect(paths.filter((p) => p.startsWith('commits/'))).toEqual([
			'commits/0',
			'commits/1',
			'commits/2'
		]);
		expect(paths.indexOf('offsets/1')).toBeLessThan(paths.indexOf('state/0/0/2.delta'));
		expect(paths.indexOf('state/0/1/2.delta')).toBeLessThan(paths.indexOf('commits/1'));
		// Two partitions, three versions: six deltas; snapshots at version 2 (2 deltas after none).
		expect(paths.filter((p) => p.endsWith('.delta'))).toHaveLength(6);
		expect(paths.filter((p) => p.endsWith('.snapshot')).sort()).toEqual([
			'state/0/0/2.snapshot',
			'state/0/1/2.snapshot'
		]);
		const offsets2 = files.find((f) => f.path === 'offsets/2')?.content.split('\n') ?? [];
		expect(offsets2[0]).toBe('v1');
		expect(JSON.parse(offsets2[1] ?? '{}').conf['spark.sql.shuffle.partitions']).toBe('2');
		expect(offsets2[2]).toBe('2'); // MemoryStream's LongOffset: the third block
		const deltas3 = files
			.filter((f) => f.path.endsWith('/3.delta'))
			.map((f) => JSON.parse(f.content));
		const put3 = Object.assign({}, ...deltas3.map((d) => d.put));
		expect(Object.keys(put3)).toHaveLength(2); // a and c changed in batch 2
	});

	it('a batch that died after its sink write has offsets/N and no commit until it re-ran', () => {
		const run = runWithFailures(query, 'events', input, [
			{ batchId: 1, phase: 'afterSinkBeforeCommit' }
		]);
		const paths = checkpointFiles(run.checkpoints, query.conf).map((f) => f.path);
		expect(paths.filter((p) => p.startsWith('commits/'))).toEqual([
			'commits/0',
			'commits/1',
			'commits/2'
		]);
		expect(paths.filter((p) => p === 'offsets/1')).toHaveLength(1); // the re-run reuses it
		expect(run.redelivered).toEqual([1]);
	});
});
