/**
 * The Kafka sink (Spark 4.1 connector/kafka-0-10-sql: KafkaWriter.validateQuery,
 * KafkaRowWriter.sendRow, KafkaStreamingWrite):
 * - columns: `value` (required, string or binary), `key` (string or binary; absent → null key),
 *   `topic` (string; required unless the `topic` option is set, which overrides the column),
 *   `headers` (array<struct<key: string, value: binary>>), `partition` (int; absent or null →
 *   the producer's partitioner). The writer is KafkaTable's WriteBuilder, which mixes in
 *   SupportsTruncate and SupportsStreamingUpdateAsAppend. A wrong type fails the query at start with
 *   "<attr> attribute unsupported type <type>. <attr> must be a(n) <types>"
 *   (IllegalStateException rethrown as AnalysisException _LEGACY_ERROR_TEMP_3080, whose text is
 *   the message alone);
 * - each task sends its rows as producer records as it goes, and KafkaDataWriter.commit only
 *   flushes: there is no transaction and no batch-id check, so a re-run batch sends its records
 *   again, and a job that fails after some tasks leaves their records in the topic. That is
 *   at-least-once: the ledger counts 2 for each row of a replayed batch;
 * - all output modes (the WriteBuilder supports truncate and update-as-append).
 * Records go to the same simulated broker the Kafka source reads (`../sources/kafka/broker`).
 */
import type { Value } from '../structured/expr/ast';
import type { KafkaBroker } from '../sources/kafka/broker';
import {
	tasksBeforeFault,
	tasksOf,
	type SinkBatch,
	type SinkField,
	type SinkType,
	type SinkWriteOutcome,
	type StreamingSink
} from './contract';
import { SinkError, legacyError } from './errors';
import { partitionForKey } from './kafka-partitioner';
import { DeliveryLedger } from './ledger';
import { option } from './output-modes';

/** DataType.catalogString of a column type. */
export function catalogString(t: SinkType): string {
	switch (t.kind) {
		case 'long':
			return 'bigint';
		case 'interval':
			return 'interval day to second';
		case 'array':
			return `array<${catalogString(t.element)}>`;
		case 'struct':
			return `struct<${t.fields.map((f) => `${f.name}:${catalogString(f.type)}`).join(',')}>`;
		default:
			return t.kind;
	}
}

/** KafkaRecordToRowConverter.headersType. Binary cannot nest in the engine's struct types, so
 *  the type is compared by its catalogString. */
const HEADERS_TYPE = 'array<struct<key:string,value:binary>>';

/** KafkaWriter.validateQuery: the first failing attribute's message, or null. */
export function validateKafkaSchema(
	schema: readonly SinkField[],
	topicOption?: string
): SinkError | null {
	const fail = (msg: string): SinkError => legacyError(msg, '_LEGACY_ERROR_TEMP_3080');
	const check = (
		name: string,
		desired: readonly string[],
		ifMissing: () => SinkError | null
	): SinkError | null => {
		const f = schema.find((c) => c.name === name);
		if (f === undefined) return ifMissing();
		if (desired.includes(catalogString(f.type))) return null;
		return fail(
			`${name} attribute unsupported type ${catalogString(f.type)}. ${name} must be a(n) ${desired.join(' or ')}`
		);
	};
	return (
		(topicOption === undefined
			? check('topic', ['string'], () =>
					fail(
						"topic option required when no 'topic' attribute is present. Use the topic option for setting a topic."
					)
				)
			: null) ??
		check('key', ['string', 'binary'], () => null) ??
		check('value', ['string', 'binary'], () => fail("Required attribute 'value' not found")) ??
		check('headers', [HEADERS_TYPE], () => null) ??
		check('partition', ['int'], () => null)
	);
}

export interface KafkaHeader {
	readonly key: string;
	readonly value: string | null;
}

/** A record the sink produced, as the broker stored it, with the batch that sent it. */
export interface ProducedRecord {
	readonly batchId: number;
	/** 0 for the first execution of this batch id, 1 for its re-run… */
	readonly attempt: number;
	readonly topic: string;
	readonly partition: number;
	readonly offset: number;
	readonly key: string | null;
	readonly value: string | null;
	readonly headers: readonly KafkaHeader[] | null;
}

export interface KafkaSinkConfig {
	readonly broker: KafkaBroker;
	readonly schema: readonly SinkField[];
	/** Writer options: `topic` (overrides the column). */
	readonly options?: Readonly<Record<string, string>>;
}

const asText = (v: Value): string | null => (v === null ? null : String(v));

export class KafkaSink implements StreamingSink {
	readonly kind = 'kafka' as const;
	readonly description = 'org.apache.spark.sql.kafka010.KafkaSourceProvider$KafkaTable';
	readonly guarantee = 'at-least-once' as const;
	readonly ledger = new DeliveryLedger();
	readonly produced: ProducedRecord[] = [];
	private readonly attempts = new Map<number, number>();
	private readonly topicOption: string | undefined;
	private readonly col: Readonly<Record<string, number>>;

	constructor(private readonly config: KafkaSinkConfig) {
		// KafkaTable.newWriteBuilder: Option(options.get("topic")).map(_.trim), case-insensitive;
		// when set it is every record's topic, whatever the column says.
		this.topicOption = option(config.options ?? {}, 'topic')?.trim();
		const col: Record<string, number> = {};
		config.schema.forEach((f, i) => (col[f.name] = i));
		this.col = col;
	}

	/** The start-time check (validateQuery); the loop fails the query with it when non-null. */
	validate(): SinkError | null {
		return validateKafkaSchema(this.config.schema, this.topicOption);
	}

	addBatch(batch: SinkBatch): SinkWriteOutcome {
		const invalid = this.validate();
		if (invalid) return { batchId: batch.batchId, status: 'failed', delivered: [], error: invalid };
		const attempt = this.attempts.get(batch.batchId) ?? 0;
		this.attempts.set(batch.batchId, attempt + 1);
		const tasks = tasksOf(batch);
		const done = tasksBeforeFault(batch, tasks.length);
		const delivered: number[] = [];
		for (let t = 0; t < done; t++) {
			for (const i of tasks[t] ?? []) {
				const error = this.send(batch, attempt, i);
				if (error) {
					this.ledger.deliver(batch.batchId, batch.rows, delivered);
					return { batchId: batch.batchId, status: 'failed', delivered, error };
				}
				delivered.push(i);
			}
		}
		this.ledger.deliver(batch.batchId, batch.rows, delivered);
		if (done < tasks.length)
			return {
				batchId: batch.batchId,
				status: 'failed',
				delivered,
				note: `the records of ${done} task(s) stay in Kafka: no transaction rolls them back`
			};
		return { batchId: batch.batchId, status: 'written', delivered };
	}

	/** KafkaRowWriter.sendRow for one row; an error fails the task (and the query). */
	private send(batch: SinkBatch, attempt: number, i: number): SinkError | null {
		const row = batch.rows[i] ?? [];
		const get = (name: string): Value => {
			const c = this.col[name];
			return c === undefined ? null : (row[c] ?? null);
		};
		const topic = this.topicOption ?? asText(get('topic'));
		if (topic === null)
			return legacyError(
				'null topic present in the data. Use the topic option for setting a default topic.'
			);
		const key = asText(get('key'));
		const rawPartition = get('partition');
		const { broker } = this.config;
		const count = broker.partitionCount(topic);
		let partition: number | undefined = rawPartition === null ? undefined : Number(rawPartition);
		if (partition !== undefined && count > 0 && partition >= count)
			return legacyError(
				`Invalid partition given with record: ${partition} is not in the range [0...${count}).`
			);
		if (partition === undefined && key !== null)
			partition = partitionForKey(key, Math.max(1, count));
		const rawHeaders = get('headers');
		const headers =
			rawHeaders === null
				? null
				: (rawHeaders as readonly { readonly [f: string]: Value }[]).map((h) => ({
						key: String(h.key ?? ''),
						value: asText(h.value ?? null)
					}));
		const [record] = broker.send({
			topic,
			...(partition === undefined ? {} : { partition }),
			key,
			values: [asText(get('value'))],
			timestampMs: batch.nowMs ?? 0
		});
		if (record)
			this.produced.push({
				batchId: batch.batchId,
				attempt,
				topic,
				partition: record.partition,
				offset: record.offset,
				key,
				value: record.value,
				headers
			});
		return null;
	}
}
