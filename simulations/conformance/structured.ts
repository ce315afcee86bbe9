/**
 * Runs a Structured Streaming conformance scenario (tests/conformance/spark/FORMAT.md) the way
 * Spark's StreamTest does: the program is read and analyzed, inputs are MemoryStreams, each
 * check step first processes all available input (a data batch, then a no-data batch when the
 * watermark moved), and the memory sink's content is compared. `restart` stops the query and
 * starts a new one from the checkpoint. The report lists every step, `=>` on the failing one.
 * The runner never looks at a scenario's id.
 */
import type { AnalyzedQuery } from '../structured/analyzer/types';
import type { StructField } from '../structured/expr/ast';
import { parseDataType } from '../structured/expr/index';
import { prepareQuery } from '../structured/index';
import type { Row } from '../structured/runtime/context';
import {
	MicroBatchExecution,
	type BatchRecord,
	type Checkpoint
} from '../structured/runtime/executor';
import { MemoryStreams } from '../structured/runtime/memory-stream';
import { fromScenarioValue, rowsMatch, showRows, toScenarioValue } from './compare';
import type { ScenarioResult, StructuredScenario, StructuredStep } from './types';

class StepFailure extends Error {}

function bindingsOf(s: StructuredScenario): Record<string, StructField[]> {
	const out: Record<string, StructField[]> = {};
	for (const [name, cols] of Object.entries(s.inputs)) {
		out[name] = cols.map(([n, t]) => ({ name: n, type: parseDataType(t) ?? { kind: 'string' } }));
	}
	return out;
}

const describe = (step: StructuredStep): string => {
	const [k, v] = Object.entries(step)[0] ?? ['?', ''];
	if (k === 'addData') {
		return Object.entries(v as Record<string, unknown[]>)
			.map(([n, rows]) => `AddData to ${n}: ${showRows(rows as unknown[][])}`)
			.join('; ');
	}
	return `${k[0]?.toUpperCase()}${k.slice(1)}: ${Array.isArray(v) ? showRows(v as unknown[][]) : JSON.stringify(v)}`;
};

export function runStructuredScenario(s: StructuredScenario): ScenarioResult {
	const bindings = bindingsOf(s);
	const lines: string[] = [];
	let summary: string | undefined;
	const prepared = prepareQuery(s.code, bindings, s.conf ?? {});
	const startError = prepared.ok ? null : prepared.error.message;
	const query: AnalyzedQuery | null = prepared.ok ? prepared.value : null;
	const streams = new MemoryStreams();
	let clockMs = 0;
	const clock = () => (clockMs += 100);
	let exec: MicroBatchExecution | null = null;
	let runtimeError: string | null = null;
	const start = (checkpoint?: Checkpoint) => {
		if (query === null) return;
		try {
			exec = new MicroBatchExecution(query, streams, { clock, checkpoint });
		} catch (e) {
			runtimeError = (e as Error).message;
		}
	};
	start();

	const schema = query?.schema ?? [];
	const mode = query?.outputMode ?? 'append';
	const toOut = (r: Row) => schema.map((f, i) => toScenarioValue(r[i] ?? null, f.type));
	let all: unknown[][] = [];
	let sinceCheck: unknown[][] = [];
	let completeSinceCheck: unknown[][] | null = null;
	let lastBatch: unknown[][] = [];
	let lastRan: BatchRecord | null = null;
	let lastWithInput: BatchRecord | null = null;

	const process = () => {
		if (startError !== null) throw new StepFailure(`query failed to start: ${startError}`);
		if (runtimeError !== null) throw new StepFailure(`query failed: ${runtimeError}`);
		let batches: BatchRecord[];
		try {
			batches = (exec as unknown as MicroBatchExecution).runAvailable();
		} catch (e) {
			runtimeError = (e as Error).message;
			throw new StepFailure(`query failed: ${runtimeError}`);
		}
		for (const b of batches) {
			const rows = b.output.map(toOut);
			lastBatch = rows;
			lastRan = b;
			if (b.numInputRows > 0) lastWithInput = b;
			if (mode === 'complete') {
				all = rows;
				completeSinceCheck = rows;
			} else {
				all.push(...rows);
				sinceCheck.push(...rows);
			}
		}
	};
	const compare = (
		expected: readonly (readonly unknown[])[],
		actual: unknown[][],
		ordered: boolean
	) => {
		if (!rowsMatch(expected, actual, schema, ordered)) {
			throw new StepFailure(`expected ${showRows(expected)} but got ${showRows(actual)}`);
		}
	};
	const perOp = (
		pick: (b: BatchRecord) => number[],
		b: BatchRecord | null,
		want: number | readonly number[],
		what: string
	) => {
		const actual = b === null ? [] : pick(b);
		const exp = typeof want === 'number' ? [want] : [...want];
		if (JSON.stringify(actual) !== JSON.stringify(exp)) {
			throw new StepFailure(
				`${what}: expected ${JSON.stringify(exp)} but got ${JSON.stringify(actual)}`
			);
		}
	};

	let failed = false;
	for (const step of s.steps) {
		const label = describe(step);
		if (failed) {
			lines.push(`   ${label}`);
			continue;
		}
		try {
			if ('addData' in step) {
				for (const [name, rows] of Object.entries(step.addData)) {
					const cols = bindings[name] ?? [];
					streams.addData(
						name,
						rows.map((r) =>
							r.map((v, i) => fromScenarioValue(v, cols[i]?.type ?? { kind: 'string' }))
						)
					);
				}
			} else if ('checkNewAnswer' in step) {
				process();
				const actual = mode === 'complete' ? (completeSinceCheck ?? []) : sinceCheck;
				sinceCheck = [];
				completeSinceCheck = null;
				compare(step.checkNewAnswer, actual, step.ordered ?? false);
			} else if ('checkLastBatch' in step) {
				process();
				sinceCheck = [];
				completeSinceCheck = null;
				compare(step.checkLastBatch, lastBatch, step.ordered ?? false);
			} else if ('checkAnswer' in step) {
				process();
				sinceCheck = [];
				completeSinceCheck = null;
				compare(step.checkAnswer, all, step.ordered ?? false);
			} else if ('processAllAvailable' in step) {
				process();
			} else if ('assertNumStateRows' in step) {
				perOp(
					(b) => b.operators.map((m) => m.numRowsTotal),
					lastRan,
					step.assertNumStateRows,
					'state rows'
				);
			} else if ('assertNumRowsDroppedByWatermark' in step) {
				perOp(
					(b) => b.operators.map((m) => m.numRowsDroppedByWatermark),
					lastWithInput,
					step.assertNumRowsDroppedByWatermark,
					'rows dropped by watermark'
				);
			} else if ('assertWatermark' in step) {
				process();
				const actual =
					lastWithInput === null ? 0 : (lastWithInput as BatchRecord).batchWatermarkMs / 1000;
				if (actual !== step.assertWatermark) {
					throw new StepFailure(`watermark: expected ${step.assertWatermark} but got ${actual}`);
				}
			} else if ('restart' in step) {
				if (exec !== null) start((exec as MicroBatchExecution).checkpoint());
			} else if ('expectError' in step) {
				let message = startError ?? runtimeError;
				if (message === null) {
					try {
						process();
					} catch (e) {
						message = (e as Error).message;
					}
				}
				if (message === null)
					throw new StepFailure(
						`expected an error containing "${step.expectError}" but the query ran`
					);
				if (!message.includes(step.expectError)) {
					throw new StepFailure(
						`expected an error containing "${step.expectError}" but got: ${message}`
					);
				}
			}
			lines.push(`   ${label}`);
		} catch (e) {
			if (!(e instanceof StepFailure)) throw e;
			failed = true;
			summary = `${label} → ${e.message}`;
			lines.push(`=> ${label}`);
			lines.push(`   !! ${e.message}`);
		}
	}
	const e = exec as MicroBatchExecution | null;
	const lr = lastRan as BatchRecord | null;
	lines.push('');
	lines.push(`== Sink (${mode}) ==`);
	lines.push(`   ${showRows(all)}`);
	lines.push('== State ==');
	lines.push(
		`   batchId: ${lr?.batchId ?? 'none'}, watermark (next batch): ${e?.currentWatermarkMs ?? 0} ms`
	);
	lines.push(
		`   state rows per operator: ${JSON.stringify(lr?.operators.map((m) => m.numRowsTotal) ?? [])}`
	);
	lines.push(
		`   dropped by watermark: ${JSON.stringify(lr?.operators.map((m) => m.numRowsDroppedByWatermark) ?? [])}`
	);
	return { id: s.id, passed: !failed, ...(summary ? { summary } : {}), report: lines.join('\n') };
}
