/**
 * Where the Kafka producer puts a record that names no partition (Kafka's
 * BuiltInPartitioner.partitionForKey): a keyed record goes to
 * `toPositive(murmur2(keyBytes)) % numPartitions`, so equal keys always share a partition.
 * A record with neither key nor partition is left to the broker simulation's own spreading.
 */
import { utf8Bytes } from './show-string';

/** org.apache.kafka.common.utils.Utils.murmur2 (32-bit, seed 0x9747b28c), as a signed int. */
export function murmur2(data: readonly number[]): number {
	const length = data.length;
	const m = 0x5bd1e995;
	let h = (0x9747b28c ^ length) | 0;
	const length4 = Math.floor(length / 4);
	for (let i = 0; i < length4; i++) {
		const i4 = i * 4;
		let k =
			((data[i4] ?? 0) & 0xff) +
			(((data[i4 + 1] ?? 0) & 0xff) << 8) +
			(((data[i4 + 2] ?? 0) & 0xff) << 16) +
			(((data[i4 + 3] ?? 0) & 0xff) << 24);
		k = Math.imul(k, m);
		k ^= k >>> 24;
		k = Math.imul(k, m);
		h = Math.imul(h, m);
		h ^= k;
	}
	const tail = length & ~3;
	const rest = length % 4;
	if (rest === 3) h ^= ((data[tail + 2] ?? 0) & 0xff) << 16;
	if (rest >= 2) h ^= ((data[tail + 1] ?? 0) & 0xff) << 8;
	if (rest >= 1) {
		h ^= (data[tail] ?? 0) & 0xff;
		h = Math.imul(h, m);
	}
	h ^= h >>> 13;
	h = Math.imul(h, m);
	h ^= h >>> 15;
	return h | 0;
}

/** Utils.toPositive(murmur2(key)) % numPartitions for a key held as its UTF-8 text. */
export function partitionForKey(key: string, numPartitions: number): number {
	return (murmur2(utf8Bytes(key)) & 0x7fffffff) % numPartitions;
}
