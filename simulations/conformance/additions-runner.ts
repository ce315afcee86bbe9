/**
 * Runs a Structured Streaming scenario that uses FORMAT-ADDITIONS.md: `conf`, `clock: "manual"`,
 * memory and `files` inputs, the pre-bound `recorded` dict and `spark`, and the steps
 * startStream / stopStream / restart / advanceClock / expectFailure / setGlobal /
 * dropLastCommit / clearSink / checkRecorded / assertBatchIds besides FORMAT.md's checks. The
 * query's life is additions-query.ts; this file reads the steps and compares. Like the base
 * runner it never looks at a scenario's id.
 */
import { PyDict, PyFloat, PyTuple, iterItems, pyKey, type PyValue as Py } from '../python/values';
import { PyException } from '../python/errors';
import type { AnalyzedQuery } from '../structured/analyzer/types';
import type { StructField } from '../structured/expr/ast';
import { parseDataType } from '../structured/expr/index';
import { prepareQuery } from '../structured/index';
import { PdRow } from '../structured/pandas/frame';
import { PdTimestamp } from '../structured/pandas/modules';
import type { ProgramEnv } from '../structured/reader/index';
import { MemoryStreams } from '../structured/runtime/memory-stream';
import { MicroBatchExecution } from '../structured/runtime/executor';
import { AdditionsQuery, type TriggerOverride } from './additions-query';
import { fromScenarioValue, rowsMatch, showRows, toScenarioValue } from './compare';
import type { ScenarioResult, StructuredScenario } from './types';

class StepFailure extends Error {}

type AnyStep = Readonly<Record<string, unknown>>;
type Rows = readonly (readonly unknown[])[];

interface InputSpec {
	readonly columns: StructField[];
	readonly maxFiles?: number;
}

function inputsOf(s: StructuredScenario): Record<string, InputSpec> {
	const out: Record<string, InputSpec> = {};
	const cols = (list: readonly (readonly [string, string])[]) =>
		list.map(([n, t]) => ({ name: n, type: parseDataType(t) ?? { kind: 'string' as const } }));
	for (const [name, spec] of Object.entries(s.inputs as Record<string, unknown>)) {
		if (Array.isArray(spec)) out[name] = { columns: cols(spec) };
		else {
			const o = spec as { columns: [string, string][]; options?: Record<string, string> };
			const max = o.options?.maxFilesPerTrigger;
			out[name] = { columns: cols(o.columns), ...(max ? { maxFiles: Number(max) } : {}) };
		}
	}
	return out;
}

/** JSON (setGlobal) → Python. */
function jsonToPy(v: unknown): Py {
	if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isInteger(v) ? v : new PyFloat(v);
	if (Array.isArray(v)) return v.map(jsonToPy);
	const d = new PyDict();
	for (const [k, x] of Object.entries(v as object))
		d.entries.set(
			pyKey(k, (t, m) => new PyException(t, m)),
			[k, jsonToPy(x)]
		);
	return d;
}

/** A recorded Row's value as scenario JSON. */
function pyToJson(v: Py): unknown {
	if (v instanceof PyFloat) return v.v;
	if (v instanceof PdTimestamp) return v.micros / 1e6;
	if (v instanceof PdRow || v instanceof PyTuple || Array.isArray(v))
		return (iterItems(v) ?? []).map(pyToJson);
	return v;
}

function trigger(v: unknown): TriggerOverride {
	const t = (v as { trigger?: Record<string, unknown> } | null)?.trigger;
	if (!t) return null;
	if (t.once) return 'once';
	if (t.availableNow) return 'availableNow';
	if (typeof t.processingTime === 'string') {
		const m = /^([\d.]+)\s*(second|seconds|ms|milliseconds|minute|minutes)$/.exec(t.processingTime);
		const n = Number(m?.[1] ?? 0);
		const unit = m?.[2] ?? 'seconds';
		return {
			processingTimeMs:
				unit.startsWith('ms') || unit.startsWith('milli')
					? n
					: unit.startsWith('minute')
						? n * 60000
						: n * 1000
		};
	}
	return null;
}

const texts = (v: unknown): string[] =>
	v === true ? [] : typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : [];

export function runAdditionsScenario(s: StructuredScenario): ScenarioResult {
	const inputs = inputsOf(s);
	const bindings: Record<string, StructField[]> = {};
	for (const [n, i] of Object.entries(inputs)) bindings[n] = i.columns;
	const recorded = new PyDict();
	const env: ProgramEnv = { globals: new Map<string, Py>([['recorded', recorded]]) };
	const prepared = prepareQuery(s.code, bindings, s.conf ?? {}, env);
	const lines: string[] = [];
	const startError = prepared.ok ? null : prepared.error.message;
	const query: AnalyzedQuery | null = prepared.ok ? prepared.value : null;
	const manual = (s as unknown as { clock?: string }).clock === 'manual';
	let clockMs = 0;
	const clock = manual ? () => clockMs : () => (clockMs += 100);
	const streams = new MemoryStreams();
	const q =
		query === null
			? null
			: new AdditionsQuery(query, streams, env, clock, (src) => inputs[src]?.maxFiles, manual);
	const schema = query?.schema ?? [];
	const mode = query?.outputMode ?? 'append';
	const toOut = (r: readonly unknown[]) =>
		schema.map((f, i) => toScenarioValue((r[i] ?? null) as never, f.type));
	const steps = s.steps as readonly AnyStep[];
	const isLifecycle = (st: AnyStep) =>
		[
			'checkNewAnswer',
			'checkLastBatch',
			'checkAnswer',
			'checkRecorded',
			'assertBatchIds',
			'processAllAvailable',
			'expectFailure',
			'stopStream',
			'restart',
			'assertNumStateRows'
		].some((k) => k in st);
	const firstStart = steps.findIndex((st) => 'startStream' in st);
	const firstOther = steps.findIndex(isLifecycle);
	const startsAtStep = firstStart >= 0 && (firstOther < 0 || firstStart < firstOther);
	if (q && !startsAtStep) q.start(null);
	let pendingStartFailure = q?.failure ?? null;

	const need = (): AdditionsQuery => {
		if (startError !== null || q === null)
			throw new StepFailure(`query failed to start: ${startError}`);
		return q;
	};
	const throwIfFailed = () => {
		if (q?.failure) {
			const f = q.failure;
			q.failure = null;
			throw new StepFailure(`query failed: ${f}`);
		}
	};
	const compare = (expected: Rows, actual: unknown[][], ordered: boolean) => {
		if (!rowsMatch(expected, actual, schema, ordered))
			throw new StepFailure(`expected ${showRows(expected)} but got ${showRows(actual)}`);
	};
	const allRows = (qq: AdditionsQuery) =>
		mode === 'complete'
			? (qq.sinkBatches[qq.sinkBatches.length - 1]?.rows ?? []).map(toOut)
			: qq.sinkBatches.flatMap((b) => b.rows.map(toOut));
	const check = () => {
		const qq = need();
		if (pendingStartFailure) {
			const f = pendingStartFailure;
			pendingStartFailure = null;
			throw new StepFailure(`query failed: ${f}`);
		}
		qq.processForCheck();
		throwIfFailed();
		return qq;
	};

	let failed = false;
	let summary: string | undefined;
	for (const step of steps) {
		const [key, value] = Object.entries(step)[0] ?? ['?', null];
		const label = `${key}: ${JSON.stringify(value)}`;
		if (failed) {
			lines.push(`   ${label}`);
			continue;
		}
		try {
			if (
				key !== 'expectFailure' &&
				key !== 'addData' &&
				key !== 'setGlobal' &&
				pendingStartFailure
			) {
				const f = pendingStartFailure;
				pendingStartFailure = null;
				throw new StepFailure(`query failed: ${f}`);
			}
			switch (key) {
				case 'addData':
					for (const [name, rows] of Object.entries(value as Record<string, unknown[][]>)) {
						const cols = inputs[name]?.columns ?? [];
						streams.addData(
							name,
							rows.map((r) =>
								r.map((v, i) => fromScenarioValue(v, cols[i]?.type ?? { kind: 'string' }))
							)
						);
					}
					break;
				case 'setGlobal':
					for (const [n, v] of Object.entries(value as Record<string, unknown>))
						env.setGlobal?.(n, jsonToPy(v));
					break;
				case 'startStream':
					need().start(trigger(value));
					pendingStartFailure = q?.failure ?? null;
					if (q) q.failure = null;
					break;
				case 'stopStream':
					need().stop();
					break;
				case 'restart':
					need().stop();
					need().start(null);
					pendingStartFailure = q?.failure ?? null;
					if (q) q.failure = null;
					break;
				case 'advanceClock':
					clockMs += Math.round(Number(value) * 1000);
					need().clockAdvanced();
					break;
				case 'dropLastCommit':
					need().dropLastCommit();
					break;
				case 'clearSink':
					need().clearSink();
					break;
				case 'expectFailure': {
					const qq = need();
					let msg = pendingStartFailure;
					pendingStartFailure = null;
					if (msg === null) {
						qq.processForCheck();
						msg = qq.failure;
						qq.failure = null;
					}
					if (msg === null) throw new StepFailure('expected the query to fail but it ran');
					const missing = texts(value).filter((t) => !msg.includes(t));
					if (missing.length > 0)
						throw new StepFailure(
							`expected a failure containing ${JSON.stringify(missing)} but got: ${msg}`
						);
					qq.stop();
					break;
				}
				case 'processAllAvailable':
					check();
					break;
				case 'checkNewAnswer': {
					const qq = check();
					const actual =
						mode === 'complete'
							? (qq.sinceCheck[qq.sinceCheck.length - 1]?.rows ?? []).map(toOut)
							: qq.sinceCheck.flatMap((b) => b.rows.map(toOut));
					qq.sinceCheck = [];
					compare(value as Rows, actual, (step.ordered as boolean) ?? false);
					break;
				}
				case 'checkLastBatch': {
					const qq = check();
					qq.sinceCheck = [];
					compare(
						value as Rows,
						(qq.sinkBatches[qq.sinkBatches.length - 1]?.rows ?? []).map(toOut),
						(step.ordered as boolean) ?? false
					);
					break;
				}
				case 'checkAnswer': {
					const qq = check();
					qq.sinceCheck = [];
					compare(value as Rows, allRows(qq), (step.ordered as boolean) ?? false);
					break;
				}
				case 'checkRecorded': {
					check();
					const spec = value as { batchId: number; rows: Rows; ordered?: boolean; set?: boolean };
					const got = recorded.entries.get(pyKey(spec.batchId, (t, m) => new PyException(t, m)));
					if (!got) throw new StepFailure(`recorded has no entry ${spec.batchId}`);
					const actual = (iterItems(got[1]) ?? []).map((r) => pyToJson(r) as unknown[]);
					const distinct = (rows: Rows) => [
						...new Map(rows.map((r) => [JSON.stringify(r), r])).values()
					];
					const ok = spec.set
						? rowsMatch(distinct(spec.rows), distinct(actual) as unknown[][], [], false)
						: rowsMatch(spec.rows, actual, [], spec.ordered ?? false);
					if (!ok)
						throw new StepFailure(
							`recorded[${spec.batchId}]: expected ${showRows(spec.rows)} but got ${showRows(actual)}`
						);
					break;
				}
				case 'assertBatchIds': {
					const qq = check();
					if (JSON.stringify(qq.executedIds) !== JSON.stringify(value))
						throw new StepFailure(
							`batch ids: expected ${JSON.stringify(value)} but got ${JSON.stringify(qq.executedIds)}`
						);
					break;
				}
				case 'assertNumStateRows': {
					const qq = need();
					// A stopped query's state is its checkpoint's (a restart would load it).
					const exec =
						qq.exec ??
						(qq.checkpoint && query
							? new MicroBatchExecution(query, streams, { clock, checkpoint: qq.checkpoint })
							: null);
					const actual = exec ? exec.plan.stateful.map((o) => o.total()) : [];
					const want = typeof value === 'number' ? [value] : (value as number[]);
					if (JSON.stringify(actual) !== JSON.stringify(want))
						throw new StepFailure(
							`state rows: expected ${JSON.stringify(want)} but got ${JSON.stringify(actual)}`
						);
					break;
				}
				case 'expectError': {
					const msg =
						startError ??
						(() => {
							try {
								check();
							} catch (e) {
								return (e as Error).message;
							}
							return null;
						})();
					if (msg === null || !msg.includes(String(value)))
						throw new StepFailure(
							`expected an error containing "${String(value)}" but got: ${msg ?? 'no error'}`
						);
					break;
				}
				default:
					throw new StepFailure(`step "${key}" is not run by this engine yet`);
			}
			lines.push(`   ${label}`);
		} catch (e) {
			if (!(e instanceof StepFailure)) throw e;
			failed = true;
			summary = `${label} → ${e.message}`;
			lines.push(`=> ${label}`, `   !! ${e.message}`);
		}
	}
	lines.push('', `== Sink (${mode}) ==`, `   ${showRows(q ? allRows(q) : [])}`);
	lines.push(`== Batch ids executed == ${JSON.stringify(q?.executedIds ?? [])}`);
	return { id: s.id, passed: !failed, ...(summary ? { summary } : {}), report: lines.join('\n') };
}
