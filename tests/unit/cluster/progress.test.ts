// StreamingQueryProgress of the cluster model and how PySpark 4.1 prints it.
import { describe, expect, it } from 'vitest';
import {
	clusterProgress,
	javaDoubleString,
	printProgress,
	progressContext,
	statusAt
} from '../../../simulations/cluster/progress';
import {
	runClusterQuery,
	type ClusterBatch,
	type ClusterRun
} from '../../../simulations/cluster/run';
import { smallQuery } from './fixtures';

// SPARK-SEMANTICS R1.6.3's example: batch 5 starts at 20,000, the previous trigger at 10,000,
// 600 rows, the trigger took 1500 ms → inputRowsPerSecond 600 / 10 s = 60.0,
// processedRowsPerSecond 600 / 1.5 s = 400.0.
const batch = {
	batchId: 5,
	dueMs: 20_000,
	startMs: 20_000,
	endMs: 21_500,
	schedulingDelayMs: 0,
	phases: {
		latestOffset: 5,
		walCommit: 15,
		getBatch: 5,
		queryPlanning: 25,
		addBatch: 1430,
		commitOffsets: 20,
		triggerExecution: 1500
	},
	previousAttemptMs: 10_000,
	startOffsets: [100, 200],
	endOffsets: [400, 500],
	latestOffsets: [410, 520],
	numInputRows: 600,
	droppedRows: 0,
	offsetsBehindLatest: 30,
	backlogAtEnd: 30,
	latencyMs: { max: 0, min: 0, avg: 0 },
	stages: [],
	tasks: null,
	cores: 4,
	eventTimeMs: null,
	watermarkMs: null,
	state: null
} satisfies ClusterBatch;
const run = {
	spec: smallQuery({ source: { topic: 'events', partitions: 2, skew: 0, retentionMs: null } }),
	batches: [batch]
} as unknown as ClusterRun;
const ctx = progressContext(1, {
	id: '11111111-1111-4111-8111-111111111111',
	runId: '22222222-2222-4222-8222-222222222222'
});

describe('progress of a batch', () => {
	it('computes the rates from the previous attempt and the trigger duration', () => {
		const p = clusterProgress(run, batch, ctx);
		expect(p.inputRowsPerSecond).toBe(60);
		expect(p.processedRowsPerSecond).toBe(400);
		expect(p.sources[0]?.metrics).toEqual({
			// behind: 410 − 400 = 10, 520 − 500 = 20 → avg 15.0 (Double.toString), max 20, min 10
			avgOffsetsBehindLatest: '15.0',
			maxOffsetsBehindLatest: '20',
			minOffsetsBehindLatest: '10'
		});
	});

	it('prints as print(query.lastProgress) does in PySpark 4.1', () => {
		expect(printProgress(clusterProgress(run, batch, ctx))).toBe(
			`{
    "id": "11111111-1111-4111-8111-111111111111",
    "runId": "22222222-2222-4222-8222-222222222222",
    "name": null,
    "timestamp": "1970-01-01T00:00:20.000Z",
    "batchId": 5,
    "batchDuration": 1500,
    "numInputRows": 600,
    "inputRowsPerSecond": 60.0,
    "processedRowsPerSecond": 400.0,
    "durationMs": {
        "addBatch": 1430,
        "commitOffsets": 20,
        "getBatch": 5,
        "latestOffset": 5,
        "queryPlanning": 25,
        "triggerExecution": 1500,
        "walCommit": 15
    },
    "stateOperators": [],
    "sources": [
        {
            "description": "KafkaV2[Subscribe[events]]",
            "startOffset": {
                "events": {
                    "0": 100,
                    "1": 200
                }
            },
            "endOffset": {
                "events": {
                    "0": 400,
                    "1": 500
                }
            },
            "latestOffset": {
                "events": {
                    "0": 410,
                    "1": 520
                }
            },
            "numInputRows": 600,
            "inputRowsPerSecond": 60.0,
            "processedRowsPerSecond": 400.0,
            "metrics": {
                "avgOffsetsBehindLatest": "15.0",
                "maxOffsetsBehindLatest": "20",
                "minOffsetsBehindLatest": "10"
            }
        }
    ],
    "sink": {
        "description": "ForeachBatchSink",
        "numOutputRows": -1
    }
}`
		);
	});

	it('has a null startOffset in batch 0, no inputRowsPerSecond before a previous trigger, and rounds half-up', () => {
		// 1000 rows in 3 ms → 333,333.33… → 333333.3
		const b0 = {
			...batch,
			batchId: 0,
			previousAttemptMs: null,
			numInputRows: 1000,
			phases: { ...batch.phases, triggerExecution: 3 }
		};
		const p = clusterProgress(run, b0, ctx);
		expect(p.sources[0]?.startOffset).toBeNull();
		expect(p.inputRowsPerSecond).toBe(0);
		expect(p.processedRowsPerSecond).toBe(333333.3);
		expect(printProgress(p)).toContain('"inputRowsPerSecond": 0.0,');
	});

	it('reports the stateful operator and the watermark when the query has them', () => {
		const r = runClusterQuery(
			smallQuery({
				profile: { kind: 'steady', recordsPerSecond: 10_000 },
				stateful: {
					shufflePartitions: 200,
					keySkew: 0,
					cost: { ...smallQuery().inputCost, taskOverheadMs: 3 },
					keys: 1000,
					watermarkDelayMs: 10_000
				}
			})
		);
		const b = r.batches[3] as ClusterBatch;
		const p = clusterProgress(r, b, ctx);
		expect(p.stateOperators[0]).toMatchObject({
			operatorName: 'stateStoreSave',
			numRowsTotal: 1000,
			numRowsUpdated: 1000,
			numShufflePartitions: 200,
			numStateStoreInstances: 200
		});
		// Batch k runs at k s. Batch 3 runs with the watermark of batches 0–2, whose newest record
		// (the last of second 1) was produced at 2000: 2000 − 10,000 < 0 → the watermark stays 0.
		expect(p.eventTime).toEqual({
			avg: expect.any(String),
			max: expect.any(String),
			min: expect.any(String),
			watermark: '1970-01-01T00:00:00.000Z'
		});
		expect(Object.keys(p.eventTime ?? {})).toEqual(['avg', 'max', 'min', 'watermark']);
		// Batch 15: newest record of batch 14 (second 13) produced at 14,000 → 14,000 − 10,000.
		expect(clusterProgress(r, r.batches[15] as ClusterBatch, ctx).eventTime?.watermark).toBe(
			'1970-01-01T00:00:04.000Z'
		);
		// The 200 stateful tasks (3 ms + rows) are in addBatch.
		expect(b.stages.map((s) => s.tasks)).toEqual([4, 200]);
	});
});

describe('helpers', () => {
	it("formats doubles as Java's Double.toString", () => {
		expect(javaDoubleString(0)).toBe('0.0');
		expect(javaDoubleString(2.5)).toBe('2.5');
		expect(javaDoubleString(1e7)).toBe('1.0E7');
		expect(javaDoubleString(12_345_678)).toBe('1.2345678E7');
	});
	it('escapes non-ASCII as Python json.dumps does', () => {
		const p = clusterProgress(run, batch, { ...ctx, name: 'héllo "q"' });
		expect(printProgress(p)).toContain('"name": "h\\u00e9llo \\"q\\"",');
	});
	it('reports query.status between and during triggers', () => {
		expect(statusAt(run, 20_500)).toEqual({
			message: 'Processing new data',
			isDataAvailable: true,
			isTriggerActive: true
		});
		expect(statusAt(run, 21_600)).toEqual({
			message: 'Waiting for next trigger',
			isDataAvailable: true,
			isTriggerActive: false
		});
	});
});
