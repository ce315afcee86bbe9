/**
 * A runner that cannot be fooled: before a scenario runs, every top-level field, input and step
 * is checked against what this runner knows (FORMAT.md, FORMAT-ADDITIONS.md). A field or step it
 * does not know, or one the format defines but the engine does not implement yet, fails the
 * scenario by name; nothing is skipped silently, so a new kind of step can never pass unchecked.
 */
import type { Scenario } from './types';
import { LIFECYCLE_STEPS, inputKindProblems } from './validate-additions';

/** Informational fields: read by people, not by the runner (FORMAT-ADDITIONS "New top-level fields"). */
const INFORMATIONAL = ['title', 'origin', 'topics', 'source', 'translation'];

const TOP_LEVEL: Record<'structured' | 'dstream', readonly string[]> = {
	structured: ['id', 'api', ...INFORMATIONAL, 'inputs', 'code', 'steps', 'conf', 'clock'],
	dstream: [
		'id',
		'api',
		...INFORMATIONAL,
		'batchDuration',
		'code',
		'input',
		'input2',
		'expected',
		'ordered',
		'checkpoint'
	]
};

type FieldCheck = (v: unknown) => boolean;
const isRows: FieldCheck = (v) => Array.isArray(v) && v.every((r) => Array.isArray(r));
/** Kafka addData: records per topic (and partition) in list order (FORMAT-ADDITIONS "Input kinds"). */
const isKafkaEvents: FieldCheck = (v) =>
	Array.isArray(v) &&
	v.every(
		(e) =>
			typeof e === 'object' &&
			e !== null &&
			typeof (e as { topic?: unknown }).topic === 'string' &&
			Array.isArray((e as { values?: unknown }).values)
	);
const isBool: FieldCheck = (v) => typeof v === 'boolean';
const isTrue: FieldCheck = (v) => v === true;
const isCount: FieldCheck = (v) =>
	(typeof v === 'number' && Number.isInteger(v) && v >= 0) ||
	(Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0));

/** The steps this runner executes: the step's own key, then its optional extra fields. */
const STEPS: Record<string, { main: FieldCheck; extra?: Record<string, FieldCheck> }> = {
	addData: {
		main: (v) =>
			typeof v === 'object' &&
			v !== null &&
			!Array.isArray(v) &&
			Object.values(v).every((x) => isRows(x) || isKafkaEvents(x))
	},
	checkNewAnswer: { main: isRows, extra: { ordered: isBool } },
	checkLastBatch: { main: isRows, extra: { ordered: isBool } },
	checkAnswer: { main: isRows, extra: { ordered: isBool } },
	assertNumStateRows: { main: isCount },
	assertNumRowsDroppedByWatermark: { main: isCount },
	assertWatermark: { main: (v) => typeof v === 'number' && Number.isFinite(v) },
	processAllAvailable: { main: isTrue },
	restart: { main: isTrue },
	expectError: { main: (v) => typeof v === 'string' && v.length > 0 },
	// FORMAT-ADDITIONS.md: the lifecycle steps (validate-additions.ts, run by the query session)
	// and the checkpoint/state steps (run by additions-runner.ts).
	...LIFECYCLE_STEPS,
	expectFailure: {
		main: (v) =>
			v === true ||
			typeof v === 'string' ||
			(Array.isArray(v) && v.every((x) => typeof x === 'string'))
	},
	setGlobal: { main: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) },
	dropLastCommit: { main: isTrue },
	clearSink: { main: isTrue },
	checkRecorded: {
		main: (v) =>
			typeof v === 'object' &&
			v !== null &&
			Number.isInteger((v as { batchId?: unknown }).batchId) &&
			isRows((v as { rows?: unknown }).rows)
	},
	assertBatchIds: {
		main: (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0)
	}
};

/** Defined by FORMAT-ADDITIONS.md but not run by this engine yet: named as such when met. */
const NOT_YET = new Set<string>([]);
const NOT_YET_FIELDS = new Set<string>([]);

/** The problems that stop a scenario from running, each naming the field or step; empty if none. */
export function scenarioProblems(s: Scenario): string[] {
	const raw = s as unknown as Record<string, unknown>;
	const problems: string[] = [];
	if (raw.api !== 'structured' && raw.api !== 'dstream')
		return [`unknown api ${JSON.stringify(raw.api)}`];
	for (const key of Object.keys(raw)) {
		if (TOP_LEVEL[raw.api].includes(key)) continue;
		problems.push(
			NOT_YET_FIELDS.has(key)
				? `field "${key}" is in FORMAT-ADDITIONS.md but this engine does not support it yet`
				: `unknown field "${key}"`
		);
	}
	if (typeof raw.id !== 'string' || typeof raw.code !== 'string')
		problems.push('"id" and "code" must be strings');
	if (raw.clock !== undefined && raw.clock !== 'manual')
		problems.push(`field "clock" must be "manual", not ${JSON.stringify(raw.clock)}`);
	if (raw.api === 'dstream') return problems;
	problems.push(...inputProblems(raw.inputs));
	if (!Array.isArray(raw.steps)) return [...problems, '"steps" must be a list'];
	raw.steps.forEach((step: unknown, i: number) => problems.push(...stepProblems(step, i)));
	return problems;
}

function inputProblems(inputs: unknown): string[] {
	if (typeof inputs !== 'object' || inputs === null) return ['"inputs" must be an object'];
	const out: string[] = [];
	for (const [name, spec] of Object.entries(inputs)) {
		if (Array.isArray(spec)) {
			if (
				!spec.every(
					(c) => Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string')
				)
			) {
				out.push(`input "${name}": columns must be [name, type] pairs`);
			}
			continue;
		}
		out.push(...inputKindProblems(name, spec));
	}
	return out;
}

function stepProblems(step: unknown, i: number): string[] {
	const at = `step ${i + 1}`;
	if (typeof step !== 'object' || step === null || Array.isArray(step))
		return [`${at}: not an object`];
	const keys = Object.keys(step);
	const main = keys.find((k) => k in STEPS || NOT_YET.has(k));
	if (main === undefined) return [`${at}: unknown step ${JSON.stringify(keys.join(', '))}`];
	if (NOT_YET.has(main))
		return [`${at}: step "${main}" is in FORMAT-ADDITIONS.md but this engine does not run it yet`];
	const spec = STEPS[main] as (typeof STEPS)[string];
	const out: string[] = [];
	const value = (step as Record<string, unknown>)[main];
	if (!spec.main(value))
		out.push(`${at}: "${main}" has a value this runner cannot read: ${JSON.stringify(value)}`);
	for (const k of keys) {
		if (k === main) continue;
		const check = spec.extra?.[k];
		if (check === undefined) out.push(`${at}: unknown field "${k}" on "${main}"`);
		else if (!check((step as Record<string, unknown>)[k]))
			out.push(`${at}: "${k}" on "${main}" must be a boolean`);
	}
	return out;
}
