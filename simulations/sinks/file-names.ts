/**
 * Output file names of the file sink. ManifestFileCommitProtocol.newTaskTempFile names a task's
 * file `part-<split %05d>-<uuid><ext>`, and FileFormatDataWriter passes `-c<fileCounter %03d>`
 * plus the format's extension as `ext`, so a file is `part-00000-<uuid>-c000.snappy.parquet`.
 * Spark's uuid is random (UUID.randomUUID); here it is a hash of (path, batch, job attempt,
 * task), so a run is reproducible and a retried job still gets new names.
 */

/** OutputWriterFactory.getFileExtension with each format's default compression. */
export function fileExtension(format: string): string {
	switch (format.toLowerCase()) {
		case 'parquet':
			return '.snappy.parquet';
		case 'orc':
			return '.snappy.orc';
		case 'json':
			return '.json';
		case 'csv':
			return '.csv';
		case 'text':
			return '.txt';
		default:
			return `.${format.toLowerCase()}`;
	}
}

/** FNV-1a over the string with a seed, as an unsigned 32-bit number. */
function fnv1a(s: string, seed: number): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** A UUID-shaped (8-4-4-4-12 hex) name derived from `seed`, version nibble 4 as Java's. */
export function stableUuid(seed: string): string {
	const hex = [0, 1, 2, 3].map((k) => fnv1a(seed, k).toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16] ?? '0', 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function partFileName(split: number, uuid: string, format: string): string {
	return `part-${String(split).padStart(5, '0')}-${uuid}-c000${fileExtension(format)}`;
}
