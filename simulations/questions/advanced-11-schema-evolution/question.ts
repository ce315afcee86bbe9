/**
 * advanced-11 (schema evolution): the page's program parses the `orders` topic with a fixed
 * schema in from_json and writes good rows and dead letters to two outputs. The producer is
 * simulated: when it starts sending v2 (adds `currency`), when it sends `amount` as a string
 * (v3), how often a line is broken. The schema in the code and the parse mode are the program's
 * parameters, spans of its text. Presets tell QUESTIONS.md's stories: a field the schema does
 * not name stays invisible; adding it reads null for old records; a type change becomes a dead
 * letter (PERMISSIVE) or a failed query (FAILFAST).
 */
import { clampParams, choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { renderProgram, mainProgram } from '../../core/template';
import { lastString } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { SchemaEvolutionQuestion } from '../../kinds/schema-evolution/question';
import { programs } from './program';

/** The reader's schema per version of the code (the corrupt-record column last). */
const SCHEMAS: Readonly<Record<string, string>> = {
	v1: 'order_id STRING, amount DOUBLE, event_time TIMESTAMP, _corrupt_record STRING',
	v2: 'order_id STRING, amount DOUBLE, event_time TIMESTAMP, currency STRING, _corrupt_record STRING'
};

const AT_OPTIONS = [
	{ value: 'never', label: 'never' },
	...[10, 20, 30, 40].map((s) => ({ value: String(s), label: `${s} s` }))
];

const schema: ParamSchema = [
	{
		id: 'readerSchema',
		label: 'schema in the code',
		kind: 'choice',
		options: [
			{ value: 'v1', label: 'v1: order_id, amount, event_time' },
			{ value: 'v2', label: 'v2: adds currency STRING' }
		],
		default: 'v1',
		help: 'The schema from_json parses with. It is fixed when the query starts: a field it does not name is ignored, a field it names that a record lacks is null.'
	},
	{
		id: 'parseMode',
		label: 'parse mode',
		kind: 'choice',
		options: [
			{ value: 'PERMISSIVE', label: 'PERMISSIVE' },
			{ value: 'FAILFAST', label: 'FAILFAST' }
		],
		default: 'PERMISSIVE',
		help: 'PERMISSIVE keeps a record that does not fit as nulls plus its text in _corrupt_record; FAILFAST fails the query on it. (DROPMALFORMED is refused by from_json.)'
	},
	{
		id: 'v2At',
		label: 'producer switches to v2 at',
		kind: 'choice',
		options: AT_OPTIONS,
		default: '20',
		simulationOnly: true,
		help: 'From then on the producer adds a currency field to every order.'
	},
	{
		id: 'typeChangeAt',
		label: 'producer sends amount as a string from',
		kind: 'choice',
		options: AT_OPTIONS,
		default: 'never',
		simulationOnly: true,
		help: 'From then on amount arrives as "42.50" (a JSON string), which a DOUBLE field cannot take.'
	},
	{
		id: 'malformedRate',
		label: 'malformed lines',
		kind: 'number',
		unit: '%',
		min: 0,
		max: 20,
		step: 1,
		default: 2,
		simulationOnly: true,
		help: 'The share of lines the producer cuts short (not valid JSON).'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'field-added',
		label: 'A field is added',
		description:
			'From 20 s the producer adds currency. The code still parses with v1: every v2 record is parsed and its currency silently dropped. The data never changes the schema.',
		params: {}
	},
	{
		id: 'schema-v2',
		label: 'The code adds the field',
		description:
			'The same producer, with currency STRING added to the schema in the code: v2 records now carry it, and the v1 records sent before 20 s read currency as null.',
		params: { readerSchema: 'v2', malformedRate: 0 }
	},
	{
		id: 'type-changed',
		label: 'A type changes',
		description:
			'From 30 s amount arrives as a string. DOUBLE cannot take it: in PERMISSIVE mode each such record keeps nulls and its text in _corrupt_record, and goes to the dead letters.',
		params: { typeChangeAt: '30', malformedRate: 0 }
	},
	{
		id: 'malformed',
		label: 'Malformed lines',
		description:
			'One line in ten is cut short. PERMISSIVE keeps every one as a dead letter, with its raw text, and the good rows keep flowing.',
		params: { malformedRate: 10 }
	},
	{
		id: 'failfast',
		label: 'FAILFAST',
		description:
			'The same one-in-ten broken lines with mode FAILFAST: the first batch that reads one fails the query with MALFORMED_RECORD_IN_PARSING, and no batch runs after it.',
		params: { malformedRate: 10, parseMode: 'FAILFAST' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	readerSchema: lastString(SCHEMAS[String(params.readerSchema)] ?? (SCHEMAS.v1 as string)),
	parseMode: lastString(String(params.parseMode))
});

const atMs = (v: string): number | null => (v === 'never' ? null : Number(v) * 1000);

export const advanced11Schema: SchemaEvolutionQuestion = {
	slug: 'advanced-11-schema-evolution',
	kind: 'schema-evolution',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['v2At', 'typeChangeAt', 'malformedRate'],
	openingPreset: 'field-added',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => ({
		topic: 'orders',
		recordsPerSecond: 2,
		v2AtMs: atMs(choiceParam(params, 'v2At')),
		typeChangeAtMs: atMs(choiceParam(params, 'typeChangeAt')),
		malformedRate: numberParam(params, 'malformedRate') / 100,
		runMs: 60_000
	})
};
