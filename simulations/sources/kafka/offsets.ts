/**
 * KafkaSourceOffset: per topic-partition, the NEXT offset to read (an exclusive end), as Kafka's
 * consumer position. Its JSON is what Spark writes in offsets/N and sources/0/0:
 * `{"topic":{"0":23,"1":7}}` (JsonUtils.partitionOffsets: partitions sorted; topics here sorted
 * too, where Spark's follow a HashMap). The same JSON shape is the `startingOffsets` option,
 * where −2 means earliest and −1 latest.
 */
import type { TopicPartition } from './broker';
import { tpString } from './broker';

/** Keyed by Kafka's "topic-partition" string; the partition is the text after the last '-'. */
export type PartitionOffsets = ReadonlyMap<string, number>;

export const EARLIEST = -2;
export const LATEST = -1;

export function tpOfKey(key: string): TopicPartition {
	const cut = key.lastIndexOf('-');
	return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)) };
}

export function offsetsOf(entries: Iterable<readonly [TopicPartition, number]>): PartitionOffsets {
	const m = new Map<string, number>();
	for (const [tp, off] of entries) m.set(tpString(tp), off);
	return m;
}

/** Topic-partitions in (topic, partition) order, as JsonUtils sorts them. */
export function sortedKeys(offsets: PartitionOffsets): string[] {
	return [...offsets.keys()].sort((a, b) => {
		const x = tpOfKey(a);
		const y = tpOfKey(b);
		return x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition;
	});
}

export function kafkaOffsetJson(offsets: PartitionOffsets): string {
	const byTopic = new Map<string, string[]>();
	for (const key of sortedKeys(offsets)) {
		const tp = tpOfKey(key);
		const parts = byTopic.get(tp.topic) ?? [];
		parts.push(`${JSON.stringify(String(tp.partition))}:${offsets.get(key)}`);
		byTopic.set(tp.topic, parts);
	}
	return `{${[...byTopic].map(([t, parts]) => `${JSON.stringify(t)}:{${parts.join(',')}}`).join(',')}}`;
}

const OFFSETS_EXAMPLE = `Expected e.g. {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}, got `;

/** JsonUtils.partitionOffsets(str); a bad string gets Spark's IllegalArgumentException text. */
export function parseKafkaOffsetJson(
	json: string
): { ok: true; value: PartitionOffsets } | { ok: false; error: string } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		return { ok: false, error: OFFSETS_EXAMPLE + json };
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { ok: false, error: OFFSETS_EXAMPLE + json };
	}
	const m = new Map<string, number>();
	for (const [topic, parts] of Object.entries(parsed)) {
		if (parts === null || typeof parts !== 'object' || Array.isArray(parts)) {
			return { ok: false, error: OFFSETS_EXAMPLE + json };
		}
		for (const [p, off] of Object.entries(parts as Record<string, unknown>)) {
			if (!/^-?\d+$/.test(p) || typeof off !== 'number' || !Number.isInteger(off)) {
				return { ok: false, error: OFFSETS_EXAMPLE + json };
			}
			m.set(tpString({ topic, partition: Number(p) }), off);
		}
	}
	return { ok: true, value: m };
}

/** JsonUtils.partitions(str): the `assign` option, `{"topicA":[0,1]}`. */
export function parseAssignJson(
	json: string
): { ok: true; value: TopicPartition[] } | { ok: false; error: string } {
	const bad = {
		ok: false as const,
		error: `Expected e.g. {"topicA":[0,1],"topicB":[0,1]}, got ${json}`
	};
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		return bad;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bad;
	const tps: TopicPartition[] = [];
	for (const [topic, parts] of Object.entries(parsed)) {
		if (!Array.isArray(parts) || !parts.every((p) => Number.isInteger(p))) return bad;
		for (const p of parts as number[]) tps.push({ topic, partition: p });
	}
	return { ok: true, value: tps };
}

export function sameOffsets(a: PartitionOffsets, b: PartitionOffsets): boolean {
	if (a.size !== b.size) return false;
	for (const [k, v] of a) if (b.get(k) !== v) return false;
	return true;
}
