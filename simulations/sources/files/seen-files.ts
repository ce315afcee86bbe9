/**
 * FileStreamSource.SeenFilesMap: the files already taken, and `maxFileAge`. A file is new when its
 * timestamp is at least `lastPurgeTimestamp` and it has not been seen. Purging sets
 * lastPurgeTimestamp = (latest timestamp seen) − maxAgeMs and forgets older entries. Before the
 * first purge lastPurgeTimestamp is 0, which is why maxFileAge does not apply to the first batch.
 * Note the age is relative to the NEWEST FILE seen, not to the clock.
 */
export class SeenFilesMap {
	private readonly map = new Map<string, number>();
	private latestTimestamp = 0;
	private lastPurgeTimestamp = 0;

	constructor(
		private readonly maxAgeMs: number,
		private readonly fileNameOnly: boolean
	) {}

	private key(path: string): string {
		return this.fileNameOnly ? path.slice(path.lastIndexOf('/') + 1) : path;
	}

	add(path: string, timestamp: number): void {
		this.map.set(this.key(path), timestamp);
		if (timestamp > this.latestTimestamp) this.latestTimestamp = timestamp;
	}

	isNewFile(path: string, timestamp: number): boolean {
		return timestamp >= this.lastPurgeTimestamp && !this.map.has(this.key(path));
	}

	purge(): number {
		this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs;
		let count = 0;
		for (const [k, ts] of this.map) {
			if (ts < this.lastPurgeTimestamp) {
				this.map.delete(k);
				count++;
			}
		}
		return count;
	}

	get size(): number {
		return this.map.size;
	}
}
