/**
 * Runs a DStream conformance scenario the way PySpark's harness does (FORMAT.md "DStreams
 * scenarios"; test_dstream.py PySparkStreamingTestCase._test_func/_collect): each input batch
 * becomes `sc.parallelize(batch, 1)` in a queueStream, the program's `transform(stream[, other])`
 * builds the DStream, a checkpoint directory is set, and the first len(expected) non-empty batch
 * outputs are compared (as multisets unless `ordered`).
 */
import type { DStreamScenario, ScenarioResult } from '../conformance/types';
import { PyDict, PyFloat, PyIterable, PyTuple, typeName } from '../python/values';
import type { PyValue } from '../python/values';
import { DStreamHost } from './host-dstream';
import { BatchRunner } from './batches';
import * as R from './rdd';
import { readDStreamProgram, validateAtStart } from './reader';

/** JSON arrays inside an element are Python tuples (FORMAT.md). */
export function fromJson(v: unknown): PyValue {
	if (Array.isArray(v)) return new PyTuple(v.map(fromJson));
	if (typeof v === 'number') return Number.isInteger(v) ? v : new PyFloat(v);
	if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
	return String(v);
}

/** Python value to JSON: tuples, lists and ResultIterables become arrays, floats numbers. */
export function toJson(v: PyValue): unknown {
	if (v instanceof PyTuple || v instanceof PyIterable) return v.items.map(toJson);
	if (Array.isArray(v)) return v.map(toJson);
	if (v instanceof PyFloat) return v.v;
	if (v instanceof PyDict)
		return Object.fromEntries(
			[...v.entries.values()].map(([k, x]) => [String(toJson(k)), toJson(x)])
		);
	if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
		return v;
	return `<${typeName(v)}>`;
}

const canon = (v: unknown): string => JSON.stringify(v);

function sameBatch(
	expected: readonly unknown[],
	actual: readonly unknown[],
	ordered: boolean
): boolean {
	if (expected.length !== actual.length) return false;
	const e = expected.map(canon);
	const a = actual.map(canon);
	if (!ordered) {
		e.sort();
		a.sort();
	}
	return e.every((x, i) => x === a[i] || numbersClose(x, a[i] ?? ''));
}

/** Doubles compare with a relative tolerance of 1e-9 (FORMAT.md). */
function numbersClose(a: string, b: string): boolean {
	const na = Number(a);
	const nb = Number(b);
	return (
		Number.isFinite(na) &&
		Number.isFinite(nb) &&
		Math.abs(na - nb) <= 1e-9 * Math.max(Math.abs(na), Math.abs(nb))
	);
}

export interface TransformRun {
	readonly code: string;
	readonly batchDuration: number;
	readonly input: readonly (readonly unknown[])[];
	readonly input2?: readonly (readonly unknown[])[];
	/** Whether the harness set a checkpoint directory (PySpark's test harness does). */
	readonly checkpointDir?: boolean;
}

/**
 * Runs `transform(stream[, other])` for `batches` batch intervals and returns each batch's output
 * as JSON: an array of elements, or null when the DStream generated no RDD at that time.
 * A failure (reading, building, validating or running) comes back as a one-line message.
 */
export function collectTransformOutputs(
	run: TransformRun,
	batches: number,
	stopAfterNonEmpty = Infinity
): { ok: true; outputs: (unknown[] | null)[] } | { ok: false; error: string } {
	const batchMs = Math.trunc(run.batchDuration * 1000);
	const program = readDStreamProgram(run.code, {
		prepare: (state) => {
			state.batchMs = batchMs;
			if (run.checkpointDir ?? true) state.checkpointDir = 'checkpoint';
		}
	});
	if (!program.ok)
		return {
			ok: false,
			error: `line ${program.error.line}: ${program.error.message}`
		};
	const { state, env, session } = program.value;
	const transform = session.get('transform');
	if (!transform)
		return {
			ok: false,
			error: 'the code defines no transform(stream[, other]) function'
		};
	const feedInput = (input: readonly (readonly unknown[])[]) => {
		const rdds = input.map((b) => R.parallelize(b.map(fromJson), 1));
		const node = state.graph.add({
			op: 'queueStream',
			sparkClass: 'QueueInputDStream',
			span: { from: 0, to: 0 },
			parents: [],
			slideMs: batchMs,
			compute: (t) => rdds[Math.round(t / batchMs) - 1] ?? R.emptyRdd
		});
		state.inputs.push({ node, kind: 'queueStream', receiver: false, label: 'queueStream' });
		return new DStreamHost(node, env);
	};
	const args = [feedInput(run.input)];
	if (run.input2) args.push(feedInput(run.input2));
	const built = session.call(transform, args);
	if (!built.ok) return { ok: false, error: `line ${built.error.line}: ${built.error.message}` };
	if (!(built.value instanceof DStreamHost))
		return { ok: false, error: 'transform() did not return a DStream' };
	state.outputs.push({ id: 0, node: built.value.node, kind: 'collect', span: { from: 0, to: 0 } });
	const invalid = validateAtStart(program.value);
	if (invalid) return { ok: false, error: `line ${invalid.line}: ${invalid.message}` };
	const runner = new BatchRunner(program.value);
	const outputs: (unknown[] | null)[] = [];
	let nonEmpty = 0;
	for (let i = 1; i <= batches && nonEmpty < stopAfterNonEmpty; i++) {
		const r = runner.runBatch(i * batchMs);
		if (r.error)
			return {
				ok: false,
				error: `batch at ${i * batchMs} ms, line ${r.error.line}: ${r.error.message}`
			};
		const records = r.outputs[0]?.records;
		outputs.push(records ? records.map(toJson) : null);
		if (records?.length) nonEmpty++;
	}
	return { ok: true, outputs };
}

export function runDStreamScenario(scenario: DStreamScenario): ScenarioResult {
	const { id } = scenario;
	const run = collectTransformOutputs(
		scenario,
		scenario.input.length + 200,
		scenario.expected.length
	);
	if (!run.ok) return { id, passed: false, summary: run.error };
	// PySpark's _collect keeps only non-empty batch outputs and stops after len(expected).
	const got = run.outputs.filter((o): o is unknown[] => o !== null && o.length > 0);
	const lines: string[] = [];
	let firstBad: number | undefined;
	scenario.expected.forEach((exp, i) => {
		const act = got[i];
		const okBatch = act !== undefined && sameBatch(exp, act, scenario.ordered ?? false);
		if (!okBatch && firstBad === undefined) firstBad = i;
		lines.push(
			`${okBatch ? '  ' : '=>'} output ${i + 1}: expected ${canon(exp)} actual ${act ? canon(act) : '(none)'}`
		);
	});
	const report = lines.join('\n');
	if (firstBad === undefined) return { id, passed: true, report };
	const exp = scenario.expected[firstBad];
	const act = got[firstBad];
	return {
		id,
		passed: false,
		report,
		summary: `non-empty output ${firstBad + 1}: expected ${canon(exp)}, actual ${act ? canon(act) : '(no further non-empty output)'}`
	};
}
