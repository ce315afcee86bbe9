/**
 * The `rate` and `socket` sources already live in simulations/microbatch (rate-source.ts,
 * socket-source.ts) with plain-number offsets. This adapter lets the same objects take part in
 * the contract without duplicating their rules: both are LongOffset sources in Spark (offsets/N
 * holds a bare number: seconds for rate, the last line index for socket), neither supports
 * SupportsTriggerAvailableNow (AvailableNow wraps them and reads up to the latest offset seen at
 * start, in one batch), and only rate is replayable (the socket's lines live in driver memory).
 */
import type { ProcTimeMs } from '../core/time';
import type { MicroBatchSource } from '../microbatch/source';
import {
	type SourceClock,
	type SourcePartition,
	type SourceRow,
	type StreamingSource,
	StreamingSourceError
} from './contract';
import { type ReadLimit, readAllAvailable } from './read-limit';

export class LongOffsetSourceAdapter implements StreamingSource<number> {
	readonly schema;
	readonly description: string;
	private latest: number | null = null;
	/** AvailableNowMicroBatchStreamWrapper: the latest offset fetched once, at the run's start. */
	private fixedForAvailableNow: number | null = null;

	constructor(
		private readonly inner: MicroBatchSource,
		private readonly clock: SourceClock,
		readonly replayable: boolean,
		private readonly kind: 'rate' | 'socket'
	) {
		this.description = inner.description;
		this.schema =
			kind === 'rate'
				? [
						{ name: 'timestamp', type: 'timestamp' as const },
						{ name: 'value', type: 'bigint' as const }
					]
				: [{ name: 'value', type: 'string' as const }];
	}

	initialOffset(): number {
		return this.inner.initialOffset;
	}

	getDefaultReadLimit(): ReadLimit {
		return readAllAvailable;
	}

	prepareForTriggerAvailableNow(): void {
		this.fixedForAvailableNow = this.inner.latestOffset(this.clock.nowMs() as ProcTimeMs);
	}

	latestOffset(): number {
		this.latest =
			this.fixedForAvailableNow ?? this.inner.latestOffset(this.clock.nowMs() as ProcTimeMs);
		// Never null: LongOffset(0) / LongOffset(-1) at the start, so a fresh query runs batch 0 even empty.
		return this.latest;
	}

	reportLatestOffset(): number | null {
		return this.latest;
	}

	planInputPartitions(start: number, end: number): SourcePartition[] {
		return end > start ? [{ label: this.kind, from: start, until: end }] : [];
	}

	readPartition(partition: SourcePartition): SourceRow[] {
		return this.inner
			.read(partition.from, partition.until)
			.map((r): SourceRow =>
				this.kind === 'rate'
					? { timestamp: r.timestampMs * 1000, value: r.value }
					: { value: r.text }
			);
	}

	commit(): void {}

	offsetJson(offset: number): string {
		return String(offset);
	}

	parseOffset(json: string): number {
		if (!/^\s*-?\d+\s*$/.test(json))
			throw new StreamingSourceError(`Cannot parse LongOffset from ${json}`);
		return Number(json);
	}

	sameOffset(a: number, b: number): boolean {
		return a === b;
	}
}
