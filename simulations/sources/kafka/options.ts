/**
 * The Kafka source's options as `spark.readStream.format("kafka").option(k, v)` gives them
 * (case-insensitive keys, string values), validated with KafkaSourceProvider's own messages
 * (validateGeneralOptions, validateStreamOptions). Bad input is a value, never a crash.
 */
import type { TopicPartition } from './broker';
import { type PartitionOffsets, parseAssignJson, parseKafkaOffsetJson } from './offsets';

export type SubscriptionStrategy =
	| { readonly kind: 'subscribe'; readonly topics: readonly string[] }
	| { readonly kind: 'subscribePattern'; readonly pattern: string }
	| { readonly kind: 'assign'; readonly partitions: readonly TopicPartition[] };

export type StartingOffsets =
	| { readonly kind: 'earliest' }
	| { readonly kind: 'latest' }
	| { readonly kind: 'specific'; readonly offsets: PartitionOffsets };

export interface KafkaSourceOptions {
	readonly strategy: SubscriptionStrategy;
	/** Streaming default: latest (KafkaSourceProvider: `LatestOffsetRangeLimit`). */
	readonly startingOffsets: StartingOffsets;
	readonly maxOffsetsPerTrigger?: number;
	readonly minOffsetsPerTrigger?: number;
	/** Default "15m" (DEFAULT_MAX_TRIGGER_DELAY). */
	readonly maxTriggerDelayMs: number;
	/** Default true. */
	readonly failOnDataLoss: boolean;
	readonly minPartitions?: number;
	readonly includeHeaders: boolean;
}

const STRATEGY_KEYS = ['subscribe', 'subscribepattern', 'assign'];

const TIME_UNITS: Readonly<Record<string, number>> = {
	us: 0.001,
	ms: 1,
	s: 1000,
	m: 60_000,
	min: 60_000,
	h: 3_600_000,
	d: 86_400_000
};

/**
 * JavaUtils.timeStringAsMs: an integer and an optional unit (default ms), converted with
 * TimeUnit's truncation; errors carry its two-line NumberFormatException text.
 */
export function timeStringAsMs(
	text: string,
	defaultUnit = 'ms'
): { ok: true; value: number } | { ok: false; error: string } {
	const timeError =
		'Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), ' +
		'hour (h), or day (d). E.g. 50s, 100ms, or 250us.';
	const m = /^(-?[0-9]+)([a-z]+)?$/.exec(text.trim().toLowerCase());
	if (!m) return { ok: false, error: `${timeError}\nFailed to parse time string: ${text}` };
	const scale = TIME_UNITS[m[2] ?? defaultUnit];
	if (scale === undefined) return { ok: false, error: `${timeError}\nInvalid suffix: "${m[2]}"` };
	return { ok: true, value: Math.trunc(Number(m[1]) * scale) };
}

/** JavaUtils.timeStringAsSec: a bare number is seconds; the result is truncated to whole seconds. */
export function timeStringAsSec(
	text: string
): { ok: true; value: number } | { ok: false; error: string } {
	const ms = timeStringAsMs(text, 's');
	return ms.ok ? { ok: true, value: Math.trunc(ms.value / 1000) } : ms;
}

type Parsed = { ok: true; value: KafkaSourceOptions } | { ok: false; error: string };

function positiveLong(
	v: string | undefined
): { ok: true; value?: number } | { ok: false; error: string } {
	if (v === undefined) return { ok: true };
	if (!/^\s*-?\d+\s*$/.test(v)) return { ok: false, error: `For input string: "${v}"` };
	return { ok: true, value: Number(v) };
}

/** The consumer settings Spark manages itself and refuses (KafkaSourceProvider.validateGeneralOptions). */
function unsupportedKafkaParam(o: ReadonlyMap<string, string>): string | null {
	if (o.has('kafka.auto.offset.reset')) {
		return (
			"\nKafka option 'auto.offset.reset' is not supported.\n" +
			"Instead set the source option 'startingoffsets' to 'earliest' or 'latest'\n" +
			'to specify where to start. Structured Streaming manages which offsets are consumed\n' +
			'internally, rather than relying on the kafkaConsumer to do it. This will ensure that no\n' +
			'data is missed when new topics/partitions are dynamically subscribed. Note that\n' +
			"'startingoffsets' only applies when a new Streaming query is started, and\n" +
			'that resuming will always pick up from where the query left off. See the docs for more\n' +
			'details.\n         '
		);
	}
	for (const [k, what] of [
		['key', 'keys'],
		['value', 'values']
	] as const) {
		if (o.has(`kafka.${k}.deserializer`)) {
			return (
				`Kafka option '${k}.deserializer' is not supported as ${what} are deserialized as byte arrays with ` +
				`ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the ${what}.`
			);
		}
	}
	for (const c of ['enable.auto.commit', 'interceptor.classes']) {
		if (o.has(`kafka.${c}`)) return `Kafka option '${c}' is not supported`;
	}
	return null;
}

/**
 * `requireBootstrapServers`: the scenarios imply `kafka.bootstrap.servers` (FORMAT-ADDITIONS);
 * a program typed in the editor must give it, as Spark requires.
 */
export function parseKafkaOptions(
	raw: Readonly<Record<string, string>>,
	requireBootstrapServers = false
): Parsed {
	const o = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
	// validateStreamOptions checks the ending offsets before validateGeneralOptions runs.
	if (o.has('endingoffsets'))
		return { ok: false, error: 'ending offset not valid in streaming queries' };
	if (o.has('endingoffsetsbytimestamp')) {
		return { ok: false, error: 'ending timestamp not valid in streaming queries' };
	}
	const given = STRATEGY_KEYS.filter((k) => o.has(k));
	if (given.length === 0) {
		return {
			ok: false,
			error: `One of the following options must be specified for Kafka source: ${STRATEGY_KEYS.join(', ')}. See the docs for more details.`
		};
	}
	if (given.length > 1) {
		return {
			ok: false,
			error: `Only one of the following options can be specified for Kafka source: ${STRATEGY_KEYS.join(', ')}. See the docs for more details.`
		};
	}
	let strategy: SubscriptionStrategy;
	const key = given[0];
	const value = o.get(key ?? '') ?? '';
	if (key === 'assign') {
		if (!value.trim().startsWith('{')) {
			return {
				ok: false,
				error: `No topicpartitions to assign as specified value for option 'assign' is '${value}'`
			};
		}
		const parts = parseAssignJson(value);
		if (!parts.ok) return parts;
		strategy = { kind: 'assign', partitions: parts.value };
	} else if (key === 'subscribe') {
		const topics = value
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t.length > 0);
		if (topics.length === 0) {
			return {
				ok: false,
				error: `No topics to subscribe to as specified value for option 'subscribe' is '${value}'`
			};
		}
		strategy = { kind: 'subscribe', topics };
	} else {
		if (value.trim().length === 0) {
			return {
				ok: false,
				error: `Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${value}'`
			};
		}
		strategy = { kind: 'subscribePattern', pattern: value.trim() };
	}
	// The rest of validateGeneralOptions, in Spark's order.
	const minParts = o.get('minpartitions');
	if (minParts !== undefined) {
		if (!/^\s*-?\d+\s*$/.test(minParts))
			return { ok: false, error: `For input string: "${minParts}"` };
		if (Number(minParts) <= 0) return { ok: false, error: 'minPartitions must be positive' };
	}
	const unsupported = unsupportedKafkaParam(o);
	if (unsupported !== null) return { ok: false, error: unsupported };
	if (requireBootstrapServers && !o.has('kafka.bootstrap.servers')) {
		return {
			ok: false,
			error: "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer"
		};
	}

	const so = (o.get('startingoffsets') ?? 'latest').trim();
	let startingOffsets: StartingOffsets;
	if (so.toLowerCase() === 'latest') startingOffsets = { kind: 'latest' };
	else if (so.toLowerCase() === 'earliest') startingOffsets = { kind: 'earliest' };
	else {
		const parsed = parseKafkaOffsetJson(so);
		if (!parsed.ok) return parsed;
		startingOffsets = { kind: 'specific', offsets: parsed.value };
	}

	const max = positiveLong(o.get('maxoffsetspertrigger'));
	if (!max.ok) return max;
	const min = positiveLong(o.get('minoffsetspertrigger'));
	if (!min.ok) return min;
	if (max.value !== undefined && min.value !== undefined && min.value > max.value) {
		return {
			ok: false,
			error: `The value of minOffsetPerTrigger(${min.value}) is higher than the maxOffsetsPerTrigger(${max.value}).`
		};
	}
	const delay = timeStringAsMs(o.get('maxtriggerdelay') ?? '15m');
	if (!delay.ok) return delay;
	const fodl = (o.get('failondataloss') ?? 'true').trim().toLowerCase();
	if (fodl !== 'true' && fodl !== 'false') {
		return { ok: false, error: `For input string: "${o.get('failondataloss')}"` };
	}
	return {
		ok: true,
		value: {
			strategy,
			startingOffsets,
			...(max.value !== undefined ? { maxOffsetsPerTrigger: max.value } : {}),
			...(min.value !== undefined ? { minOffsetsPerTrigger: min.value } : {}),
			maxTriggerDelayMs: delay.value,
			failOnDataLoss: fodl === 'true',
			...(minParts !== undefined ? { minPartitions: Number(minParts) } : {}),
			includeHeaders: (o.get('includeheaders') ?? 'false').toLowerCase() === 'true'
		}
	};
}
