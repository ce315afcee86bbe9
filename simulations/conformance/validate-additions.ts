/**
 * What the runner checks of FORMAT-ADDITIONS.md's input kinds and lifecycle steps before a
 * scenario runs (validate.ts holds FORMAT.md's): a kind, option or step value it cannot read
 * fails the scenario by name, never silently.
 */

type FieldCheck = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringMap = (v: unknown) =>
	v === undefined || (isObject(v) && Object.values(v).every((x) => typeof x === 'string'));
const isColumns = (v: unknown) =>
	v === undefined ||
	(Array.isArray(v) &&
		v.every((c) => Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === 'string')));

const TRIGGERS = ['once', 'availableNow', 'processingTime'];

export const LIFECYCLE_STEPS: Record<string, { main: FieldCheck }> = {
	startStream: {
		main: (v) =>
			isObject(v) &&
			Object.keys(v).every((k) => k === 'trigger') &&
			(v.trigger === undefined ||
				(isObject(v.trigger) &&
					Object.keys(v.trigger).length === 1 &&
					TRIGGERS.includes(Object.keys(v.trigger)[0] as string)))
	},
	stopStream: { main: (v) => v === true },
	advanceClock: { main: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 },
	addPartitions: {
		main: (v) =>
			isObject(v) &&
			Object.values(v).every(
				(p) =>
					isObject(p) &&
					typeof p.topic === 'string' &&
					typeof p.partitions === 'number' &&
					Number.isInteger(p.partitions) &&
					p.partitions > 0
			)
	}
};

const KINDS: Record<string, readonly string[]> = {
	memory: ['columns'],
	files: ['format', 'columns', 'options'],
	kafka: ['topics', 'options'],
	rate: ['options'],
	'rate-micro-batch': ['options']
};

/** The problems of one `{"kind": ...}` input, each naming the input and the field. */
export function inputKindProblems(name: string, spec: unknown): string[] {
	if (!isObject(spec)) return [`input "${name}": must be a column list or an object with a kind`];
	const kind = spec.kind;
	const fields = typeof kind === 'string' ? KINDS[kind] : undefined;
	if (fields === undefined)
		return [
			`input "${name}": kind ${JSON.stringify(kind)} is not one of ${Object.keys(KINDS).join(', ')}`
		];
	const out: string[] = [];
	for (const k of Object.keys(spec))
		if (k !== 'kind' && !fields.includes(k))
			out.push(`input "${name}": unknown field "${k}" for kind ${kind}`);
	if (!isStringMap(spec.options))
		out.push(`input "${name}": options must be an object of string values`);
	if (!isColumns(spec.columns)) out.push(`input "${name}": columns must be [name, type] pairs`);
	if (
		spec.topics !== undefined &&
		!(
			isObject(spec.topics) &&
			Object.values(spec.topics).every((n) => Number.isInteger(n) && (n as number) > 0)
		)
	)
		out.push(`input "${name}": topics must map names to partition counts`);
	return out;
}
