/** The checkpoint's entries as the sources-and-sinks page shows them: offsets/N's text, and a
 *  Kafka offset JSON read back per partition. */

/** A Kafka offset JSON ({"orders":{"0":5}}) as partition → offset. */
export function parseOffsets(json: string | number | undefined): Record<number, number> {
	if (typeof json !== 'string') return {};
	const o = JSON.parse(json) as Record<string, Record<string, number>>;
	const out: Record<number, number> = {};
	for (const parts of Object.values(o))
		for (const [p, v] of Object.entries(parts)) out[Number(p)] = v;
	return out;
}

/** offsets/N as the checkpoint holds it: the version line, the metadata, one line per source. */
export function offsetLogJson(
	now: number,
	watermarkMs: number,
	conf: Readonly<Record<string, string>>,
	end: string | number | undefined
): string {
	const meta = {
		batchWatermarkMs: watermarkMs,
		batchTimestampMs: now,
		conf: { 'spark.sql.shuffle.partitions': conf['spark.sql.shuffle.partitions'] ?? '200' }
	};
	return ['v1', JSON.stringify(meta), end === undefined ? '-' : String(end)].join('\n');
}
