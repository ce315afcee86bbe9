/**
 * basic-09 (Kafka): the page's program reads the `orders` topic, keeps the large orders and
 * writes them to another topic. The topic is simulated: its partitions, the producer's rate and
 * skew, retention, and a restart of the query are the world's parameters; startingOffsets,
 * maxOffsetsPerTrigger, failOnDataLoss and the trigger are the program's, spans of its text.
 * Presets tell R7.1's stories: proration over a skewed topic, startingOffsets ignored on
 * restart, retention overtaking the consumer with failOnDataLoss true and false.
 */
import { clampParams, choiceParam, numberParam, type ParamSchema } from '../../core/params';
import { renderProgram, mainProgram } from '../../core/template';
import { duration, lastString } from '../../kinds/event-time/spans';
import type { SimPreset } from '../../kinds/kind';
import type { SourceSinkQuestion } from '../../kinds/source-sink/question';
import { triggerIntervalParam } from '../../kinds/source-sink/params';
import { programs } from './program';

const schema: ParamSchema = [
	{
		id: 'startingOffsets',
		label: 'startingOffsets',
		kind: 'choice',
		options: [
			{ value: 'earliest', label: 'earliest' },
			{ value: 'latest', label: 'latest' }
		],
		default: 'earliest',
		help: 'Where a NEW query starts reading: the oldest record still kept, or the end of each partition. A restarted query resumes from its checkpoint and never reads this again.'
	},
	{
		id: 'maxOffsetsPerTrigger',
		label: 'maxOffsetsPerTrigger',
		kind: 'number',
		min: 50,
		max: 5000,
		step: 50,
		unit: 'records',
		default: 500,
		help: 'At most this many records per micro-batch, split across partitions in proportion to their backlog (a share below 1 is rounded up).'
	},
	{
		id: 'failOnDataLoss',
		label: 'failOnDataLoss',
		kind: 'choice',
		options: [
			{ value: 'true', label: 'true' },
			{ value: 'false', label: 'false' }
		],
		default: 'true',
		help: 'When retention deleted records the query has not read yet: true stops the query with KAFKA_DATA_LOSS; false skips the gap and counts it.'
	},
	triggerIntervalParam(2),
	{
		id: 'partitions',
		label: 'partitions',
		kind: 'number',
		min: 1,
		max: 6,
		step: 1,
		unit: '',
		default: 3,
		simulationOnly: true,
		help: 'Partitions of the orders topic.'
	},
	{
		id: 'skew',
		label: 'skew',
		kind: 'number',
		min: 0,
		max: 0.9,
		step: 0.1,
		unit: '',
		default: 0.5,
		simulationOnly: true,
		help: 'How unevenly the producer spreads records: 0 = evenly; 0.5 = each partition gets half of the one before it.'
	},
	{
		id: 'producerRate',
		label: 'producer rate',
		kind: 'number',
		unit: 'records/s',
		min: 50,
		max: 1000,
		step: 50,
		default: 300,
		simulationOnly: true,
		help: 'Records the producer sends to the topic per second.'
	},
	{
		id: 'retention',
		label: 'retention',
		kind: 'number',
		unit: 's',
		min: 0,
		max: 60,
		step: 1,
		default: 0,
		simulationOnly: true,
		help: 'retention.ms of the topic: records older than this are deleted (0 keeps everything).'
	},
	{
		id: 'restart',
		label: 'restart',
		kind: 'choice',
		options: [
			{ value: 'none', label: 'no restart' },
			{ value: 'restart', label: 'stop at 10 s, start at 16 s' }
		],
		default: 'none',
		simulationOnly: true,
		help: 'Stop the query and start it again from its checkpoint six seconds later.'
	}
];

const presets: readonly SimPreset[] = [
	{
		id: 'proration',
		label: 'Proration over a skewed topic',
		description:
			'A 6 s backlog on three skewed partitions, 500 records per batch: each batch takes from each partition in proportion to what it has waiting.',
		params: {}
	},
	{
		id: 'restart',
		label: 'Restart: startingOffsets ignored',
		description:
			'The query stops at 10 s and starts again at 16 s with startingOffsets=latest: it resumes from its checkpoint and reads the six seconds it missed.',
		params: { restart: 'restart', startingOffsets: 'latest', maxOffsetsPerTrigger: 2000 }
	},
	{
		id: 'data-loss-fail',
		label: 'Retention overtakes: failOnDataLoss=true',
		description:
			'Records live 8 s but the consumer is further behind: the query stops with Kafka’s data-loss error.',
		params: {
			retention: 8,
			maxOffsetsPerTrigger: 400,
			producerRate: 500
		}
	},
	{
		id: 'data-loss-skip',
		label: 'Retention overtakes: failOnDataLoss=false',
		description:
			'The same topic with failOnDataLoss=false: the query skips the deleted offsets, counts them, and goes on.',
		params: {
			retention: 8,
			maxOffsetsPerTrigger: 400,
			producerRate: 500,
			failOnDataLoss: 'false'
		}
	}
];

const template = mainProgram(programs);
const constrain = (raw: Readonly<Record<string, unknown>>) => clampParams(schema, raw);

const rewrites = (params: Readonly<Record<string, unknown>>) => ({
	startingOffsets: lastString(String(params.startingOffsets)),
	maxOffsetsPerTrigger: (line: string) =>
		line.replace(/\d+(?=\)\s*$)/, String(params.maxOffsetsPerTrigger)),
	failOnDataLoss: lastString(String(params.failOnDataLoss)),
	triggerInterval: duration(Number(params.triggerInterval))
});

export const basic09Kafka: SourceSinkQuestion = {
	slug: 'basic-09-kafka-integration',
	kind: 'source-sink',
	programId: 'main',
	schema,
	presets,
	template,
	structural: [],
	generatorParams: ['partitions', 'skew', 'producerRate', 'retention', 'restart'],
	openingPreset: 'proration',
	constrain,
	rewrites: (params) => rewrites(params),
	program: (params) => renderProgram(template, rewrites(constrain(params).params)),
	world: (params) => {
		const partitions = numberParam(params, 'partitions');
		const skew = numberParam(params, 'skew');
		return {
			topic: 'orders',
			partitions,
			skew: Array.from({ length: partitions }, (_, p) => Math.pow(1 - skew, p)),
			recordsPerSecond: numberParam(params, 'producerRate'),
			retentionMs: numberParam(params, 'retention') * 1000,
			restart:
				choiceParam(params, 'restart') === 'restart' ? { atMs: 10_000, downMs: 6_000 } : null,
			backlogMs: 6_000,
			runMs: 40_000
		};
	}
};
