/**
 * Runs a Structured Streaming conformance scenario (tests/conformance/spark/FORMAT.md) the way
 * Spark's StreamTest does: the program is read and analyzed, inputs are MemoryStreams, each
 * check step first processes all available input (a data batch, then a no-data batch when the
 * watermark moved), and the memory sink's content is compared. `restart` stops the query and
 * starts a new one from the checkpoint. The report lists every step, `=>` on the failing one.
 * The runner never looks at a scenario's id.
 */
import type { AnalyzedQuery } from '../structured/analyzer/types';
import { prepareQuery } from '../structured/index';
import type { Row } from '../structured/runtime/context';
import type { BatchRecord } from '../structured/runtime/executor';
import type { TriggerSpec } from '../structured/runtime/trigger-policy';
import { FileStreamSink } from '../sinks/file-sink';
import { sinkKindOf } from '../sinks/output-modes';
import { rowsMatch, showRows, toScenarioValue } from './compare';
import { firstStartStep, triggerOverride } from './lifecycle';
import { ScenarioInputs } from './scenario-inputs';
import { QuerySession, RunFailure } from './session';
import type { ScenarioResult, StructuredScenario, StructuredStep } from './types';

class StepFailure extends Error {}

const describe = (step: StructuredStep): string => {
	const [k, v] = Object.entries(step)[0] ?? ['?', ''];
	if (k === 'addData') {
		return Object.entries(v as Record<string, unknown[]>)
			.map(([n, rows]) => `AddData to ${n}: ${showRows(rows as unknown[][])}`)
			.join('; ');
	}
	return `${k[0]?.toUpperCase()}${k.slice(1)}: ${Array.isArray(v) ? showRows(v as unknown[][]) : JSON.stringify(v)}`;
};

/** A file-format sink (append only; FORMAT-ADDITIONS "Sinks"): its committed output is the answer. */
function fileSinkOf(query: AnalyzedQuery): FileStreamSink | null {
	const w = query.write;
	if (sinkKindOf(w.format) !== 'file') return null;
	return new FileStreamSink({
		path: w.options['path'] ?? '',
		format: w.format,
		schema: query.schema
	});
}

export function runStructuredScenario(s: StructuredScenario): ScenarioResult {
	const manual = s.clock === 'manual';
	let session: QuerySession | null = null;
	const inputs = new ScenarioInputs(s.inputs, { nowMs: () => session?.clockMs ?? 0 });
	const bindings = inputs.bindings;
	const lines: string[] = [];
	let summary: string | undefined;
	const prepared = prepareQuery(s.code, bindings, s.conf ?? {});
	const startError = prepared.ok ? (inputs.problems[0] ?? null) : prepared.error.message;
	const query: AnalyzedQuery | null = prepared.ok ? prepared.value : null;
	// The file sink's _spark_metadata outlives every run: checkAnswer reads its committed files.
	const fileSink = query === null ? null : fileSinkOf(query);
	const schema = query?.schema ?? [];
	const mode = query?.outputMode ?? 'append';
	const toOut = (r: Row) => schema.map((f, i) => toScenarioValue(r[i] ?? null, f.type));
	let all: unknown[][] = [];
	let sinceCheck: unknown[][] = [];
	let completeSinceCheck: unknown[][] | null = null;
	let lastBatch: unknown[][] = [];
	let lastRan: BatchRecord | null = null;
	let lastWithInput: BatchRecord | null = null;

	const onBatch = (b: BatchRecord) => {
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
	};
	if (query !== null)
		session = new QuerySession(query, inputs, manual, onBatch, fileSink ?? undefined);
	const started = firstStartStep(s.steps);
	if (started < 0) openQuery();

	function openQuery(override?: TriggerSpec) {
		try {
			session?.open(override);
		} catch (e) {
			if (!(e instanceof RunFailure)) throw e;
		}
	}
	const guard = (run: () => void) => {
		if (startError !== null) throw new StepFailure(`query failed to start: ${startError}`);
		try {
			run();
		} catch (e) {
			if (e instanceof RunFailure) throw new StepFailure(e.message);
			throw e;
		}
		if (session?.error != null) throw new StepFailure(`query failed: ${session.error}`);
	};
	const process = () => guard(() => session?.processAvailable());
	/** What checkAnswer reads: the committed files of a file sink, else the captured rows. */
	const answer = (): unknown[][] => (fileSink ? fileSink.readCommitted().map(toOut) : all);
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
					const problem = inputs.addData(name, rows);
					if (problem !== null) throw new StepFailure(problem);
				}
			} else if ('addPartitions' in step) {
				for (const [name, p] of Object.entries(step.addPartitions)) {
					const problem = inputs.addPartitions(name, p.topic, p.partitions);
					if (problem !== null) throw new StepFailure(problem);
				}
			} else if ('startStream' in step) {
				const t = triggerOverride(step.startStream.trigger);
				if (!t.ok) throw new StepFailure(t.error);
				guard(() => session?.start(t.value));
			} else if ('stopStream' in step) {
				session?.stop();
			} else if ('advanceClock' in step) {
				guard(() => session?.advanceClock(step.advanceClock));
			} else if ('assertBatchIds' in step) {
				// The ids of the batches the query ran, across its starts (FORMAT-ADDITIONS).
				const ran = session?.batchIds ?? [];
				if (JSON.stringify(ran) !== JSON.stringify(step.assertBatchIds))
					throw new StepFailure(
						`batch ids: expected ${JSON.stringify(step.assertBatchIds)} but got ${JSON.stringify(ran)}`
					);
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
				compare(step.checkAnswer, answer(), step.ordered ?? false);
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
				session?.stop();
				guard(() => session?.start());
			} else if ('expectError' in step) {
				let message = startError ?? session?.error ?? null;
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
	const lr = lastRan as BatchRecord | null;
	lines.push('');
	lines.push(`== Sink (${mode}) ==`);
	lines.push(`   ${showRows(all)}`);
	lines.push('== State ==');
	lines.push(
		`   batchId: ${lr?.batchId ?? 'none'}, watermark (next batch): ${lr?.nextBatchWatermarkMs ?? 0} ms`
	);
	lines.push(
		`   batches run: ${JSON.stringify(session?.batchIds ?? [])}, clock: ${session?.clockMs ?? 0} ms`
	);
	lines.push(
		`   state rows per operator: ${JSON.stringify(lr?.operators.map((m) => m.numRowsTotal) ?? [])}`
	);
	lines.push(
		`   dropped by watermark: ${JSON.stringify(lr?.operators.map((m) => m.numRowsDroppedByWatermark) ?? [])}`
	);
	return { id: s.id, passed: !failed, ...(summary ? { summary } : {}), report: lines.join('\n') };
}
