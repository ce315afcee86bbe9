/**
 * advanced-09 (custom sources and sinks): the page's program is a Python data source (a sensor
 * reader whose offsets grow with the clock) and a ledger writer, registered with
 * spark.dataSource.register and used by readStream/writeStream.format("sensors"). Its own classes
 * run per batch in Spark's call order (structured/datasource). The program's parameters are the
 * source's options and two lines of its classes: whether read() derives each row from its id or
 * draws it at random, and whether the writer's commit overwrites one file per batch id or appends
 * to one ledger. A crash (simulation only) shows the replay Spark does from offsets/N.
 */
import { choiceParam, clampParams, numberParam, type ParamSchema } from '../../core/params';
import { mainProgram, renderProgram } from '../../core/template';
import type { CustomProtocolQuestion } from '../../kinds/custom-protocol/question';
import type { SimPreset } from '../../kinds/kind';
import type { FailurePhase } from '../../structured/datasource/protocol';
import { programs } from './program';

const DETERMINISTIC = 'reading = (row_id * 7919 % 1000) / 10.0';
const RANDOM = 'reading = round(random.random() * 100, 1)';
const OVERWRITE = 'with open(path, "w") as out:';
const APPEND = 'with open(os.path.join(self.path, "ledger.jsonl"), "a") as out:';

const onOff = [
	{ value: 'on', label: 'on' },
	{ value: 'off', label: 'off' }
];

const schema: ParamSchema = [
	{
		id: 'rowsPerSecond',
		label: 'rows per second',
		kind: 'number',
		min: 1,
		max: 1000,
		step: 1,
		unit: 'rows/s',
		default: 50,
		help: 'The source’s offsets grow by this many per second of the clock: a 2 s batch reads twice as many rows.'
	},
	{
		id: 'numPartitions',
		label: 'input partitions',
		kind: 'number',
		min: 1,
		max: 8,
		step: 1,
		unit: '',
		default: 2,
		help: 'partitions(start, end) splits each range into this many InputPartitions: one read() task each.'
	},
	{
		id: 'deterministicRead',
		label: 'deterministic read',
		kind: 'choice',
		options: onOff,
		default: 'on',
		help: 'on: each row is computed from its row_id, so a replay reads the same rows. off: random.random() draws new values every time read() runs.'
	},
	{
		id: 'idempotentCommit',
		label: 'idempotent commit',
		kind: 'choice',
		options: onOff,
		default: 'on',
		help: 'on: commit writes batch-<batchId>.json with "w", so a second commit of the same batch overwrites it. off: commit appends a line to one ledger, so a replayed batch is there twice.'
	},
	{
		id: 'failAtBatch',
		label: 'crash at batch',
		kind: 'number',
		min: 0,
		max: 20,
		step: 1,
		unit: '',
		default: 4,
		simulationOnly: true,
		help: 'The query crashes in this batch and is restarted 2 s later from its checkpoint (0: no crash).'
	},
	{
		id: 'failurePhase',
		label: 'crash phase',
		kind: 'choice',
		options: [
			{ value: 'afterSinkBeforeCommit', label: 'after the sink commit, before commits/N' },
			{ value: 'afterOffsetLog', label: 'after offsets/N, before read' }
		],
		default: 'afterSinkBeforeCommit',
		simulationOnly: true,
		help: 'Where in the batch the crash happens: after the writer committed but before Spark wrote commits/N (the sink sees the batch twice), or right after offsets/N (nothing was read yet).'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'deterministic-read',
		label: 'Deterministic read: the replay matches',
		description:
			'The query crashes in batch 4 after the writer committed it and before commits/4. On restart Spark runs batch 4 again with the same offsets from offsets/4; read() computes each row from its id, so the replay reads the same rows and the writer overwrites batch-4.json with the same line: exactly-once.',
		params: {}
	},
	{
		id: 'non-deterministic-read',
		label: 'Non-deterministic read: the replay differs',
		description:
			'Same crash, but read() draws readings with random.random(). Spark replays the same offset range, yet the rows it reads are different: the counter shows how many, and the batch-4 file the sink rewrote no longer says what was first committed.',
		params: { deterministicRead: 'off' }
	},
	{
		id: 'non-idempotent-commit',
		label: 'Appending commit: the replay is written twice',
		description:
			'read() is deterministic, but commit appends a line to one ledger instead of overwriting a file per batch id. Spark calls commit(messages, 4) again after the restart, so batch 4 is in the ledger twice: more lines than committed batches.',
		params: { idempotentCommit: 'off' }
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const swap =
	(from: string, to: string) =>
	(line: string): string =>
		line.includes(from) ? line.replace(from, to) : line;

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	rowsPerSecond: (line: string) => line.replace(/\d+(?=\)\s*$)/, String(params.rowsPerSecond)),
	numPartitions: (line: string) => line.replace(/\d+(?=\)\s*$)/, String(params.numPartitions)),
	deterministicRead: (line: string) =>
		params.deterministicRead === 'off'
			? swap(DETERMINISTIC, RANDOM)(line)
			: swap(RANDOM, DETERMINISTIC)(line),
	idempotentCommit: (line: string) =>
		params.idempotentCommit === 'off'
			? swap(OVERWRITE, APPEND)(line)
			: swap(APPEND, OVERWRITE)(line)
});

export const advanced09Custom: CustomProtocolQuestion = {
	slug: 'advanced-09-custom-sources-sinks',
	kind: 'custom-protocol',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: [],
	openingPreset: 'deterministic-read',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => {
		const fail = numberParam(params, 'failAtBatch');
		return {
			failAtBatch: fail > 0 ? fail : null,
			failurePhase: choiceParam(params, 'failurePhase') as FailurePhase,
			downMs: 2000,
			runMs: 20_000
		};
	}
};
