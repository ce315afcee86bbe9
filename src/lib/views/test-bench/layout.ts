/**
 * The test-bench view's layout (pure): the test as a table of steps with a status each (passed,
 * failed, done, not reached yet), the diff of an assert that failed (expected rows missing from
 * the actual side, rows the actual side has that were not expected), and what the batches of the
 * steps so far did to the watermark and the state.
 */
import type {
	BenchBatch,
	BenchFrame,
	BenchRun,
	BenchStep,
	ExpectStep
} from '$sim/kinds/test-bench';

export type StepStatus = 'pass' | 'fail' | 'done' | 'pending';

export interface StepRow {
	readonly index: number;
	readonly kind: BenchStep['kind'];
	readonly label: string;
	readonly line: number;
	readonly detail: string;
	readonly status: StepStatus;
	readonly current: boolean;
}

export interface DiffRow {
	readonly text: string;
	/** `same` on both sides, `missing` expected but not there, `extra` there but not expected. */
	readonly change: 'same' | 'missing' | 'extra';
}

export interface BatchRow {
	readonly batchId: number;
	readonly step: number;
	readonly noData: boolean;
	readonly inputRows: number;
	readonly watermark: string;
	readonly stateRows: number;
	readonly emitted: number;
}

const LABEL: Readonly<Record<BenchStep['kind'], string>> = {
	addData: 'add data',
	process: 'process all available',
	expect: 'expect',
	start: 'start query',
	stop: 'stop query'
};

/** A watermark as the time of day it stands at (the test's events are all on one day). */
export function watermarkText(ms: number): string {
	return ms <= 0 ? 'none' : new Date(ms).toISOString().slice(11, 19);
}

function detail(s: BenchStep): string {
	switch (s.kind) {
		case 'addData':
			return `${s.file}: ${s.rows.map((r) => `(${r.join(', ')})`).join(' ')}`;
		case 'process': {
			const n = s.batches.length;
			const ids = s.batches.map((b) => `${b.batchId}${b.noData ? ' (no data)' : ''}`);
			return n === 0 ? 'no batch: nothing new' : `batch ${ids.join(', ')}`;
		}
		case 'expect':
			return s.source;
		case 'start':
			return (
				s.error ?? (s.restart ? 'again, on the same checkpoint' : 'memory sink, new checkpoint')
			);
		case 'stop':
			return 'checkpoint kept';
	}
}

function status(s: BenchStep): StepStatus {
	if (s.kind === 'expect') return s.passed ? 'pass' : 'fail';
	if (s.kind === 'start' && s.error) return 'fail';
	return 'done';
}

export function stepRows(run: BenchRun, frame: BenchFrame): StepRow[] {
	const reached = frame.steps.length;
	return run.steps.map((s, i) => ({
		index: i + 1,
		kind: s.kind,
		label: s.kind === 'start' && s.restart ? 'restart query' : LABEL[s.kind],
		line: s.line,
		// A step not reached yet shows what the test says, not what the engine did (the page
		// asks to predict it).
		detail: i < reached || s.kind !== 'process' ? detail(s) : 'processAllAvailable()',
		status: i < reached ? status(s) : 'pending',
		current: i === reached - 1
	}));
}

/** expected vs actual, item by item (lists), as pytest's diff: missing and extra rows. */
export function diffRows(step: ExpectStep): DiffRow[] {
	const expected = step.expected?.items;
	const actual = step.actual?.items;
	if (!expected || !actual) {
		return [
			{ text: `expected ${step.expected?.text ?? '?'}`, change: 'missing' },
			{ text: `actual ${step.actual?.text ?? '?'}`, change: 'extra' }
		];
	}
	const left = [...actual];
	const out: DiffRow[] = [];
	for (const e of expected) {
		const at = left.indexOf(e);
		if (at >= 0) {
			left.splice(at, 1);
			out.push({ text: e, change: 'same' });
		} else out.push({ text: e, change: 'missing' });
	}
	for (const a of left) out.push({ text: a, change: 'extra' });
	return out;
}

export function batchRows(run: BenchRun, frame: BenchFrame): BatchRow[] {
	const out: BatchRow[] = [];
	frame.steps.forEach((s, i) => {
		if (s.kind !== 'process') return;
		for (const b of s.batches as readonly BenchBatch[])
			out.push({
				batchId: b.batchId,
				step: i + 1,
				noData: b.noData,
				inputRows: b.numInputRows,
				watermark: watermarkText(b.nextWatermarkMs),
				stateRows: b.stateRows,
				emitted: b.emitted.length
			});
	});
	void run;
	return out;
}

/** The headline: how many asserts passed so far, and the test's verdict once it is reached. */
export function verdict(run: BenchRun, frame: BenchFrame): string {
	const asserts = frame.steps.filter((s): s is ExpectStep => s.kind === 'expect');
	const passed = asserts.filter((s) => s.passed).length;
	if (frame.failed) {
		const f = frame.failed;
		return f.kind === 'expect'
			? `FAILED at line ${f.line}: assert ${f.source}`
			: `FAILED at line ${f.line}: ${f.error}`;
	}
	if (frame.done && run.tests.every((t) => t.passed))
		return `PASSED: ${run.tests.length} test, ${passed} assert${passed === 1 ? '' : 's'} passed`;
	return `${passed} of ${run.steps.filter((s) => s.kind === 'expect').length} asserts passed so far`;
}

/** The literal an edit may change on a step's line: add_data's row list, or an assert's
 *  expected side (after `==`, before a comment). Null when the line has none. */
export function editableLiteral(
	code: string,
	step: BenchStep
): { readonly text: string; readonly from: number; readonly to: number } | null {
	const lines = code.split('\n');
	const line = lines[step.line - 1];
	if (line === undefined) return null;
	const start = lines.slice(0, step.line - 1).reduce((n, l) => n + l.length + 1, 0);
	const comment = line.search(/\s+#[^"']*$/);
	const end = comment < 0 ? line.length : comment;
	if (step.kind === 'addData') {
		const open = line.indexOf('[');
		const close = line.lastIndexOf(']', end);
		return open >= 0 && close > open
			? { text: line.slice(open, close + 1), from: start + open, to: start + close + 1 }
			: null;
	}
	if (step.kind === 'expect') {
		const eq = line.indexOf('==');
		if (eq < 0) return null;
		const from = eq + 2 + (line[eq + 2] === ' ' ? 1 : 0);
		return { text: line.slice(from, end), from: start + from, to: start + end };
	}
	return null;
}

/** The program with that literal replaced: an edit of the step table is an edit of the test. */
export function withLiteral(code: string, step: BenchStep, text: string): string | null {
	const at = editableLiteral(code, step);
	return at ? code.slice(0, at.from) + text + code.slice(at.to) : null;
}
