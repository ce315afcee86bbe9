/**
 * `rate-micro-batch` (RatePerMicroBatchStream, Spark 3.3+): every latestOffset call moves the
 * offset on by exactly `rowsPerBatch` values and the timestamp by `advanceMillisPerBatch`,
 * whatever the clock or the read limit, so batch k holds values k·rows … (k+1)·rows − 1, all
 * stamped startTimestamp + k·advanceMillisPerBatch (the timestamp of the batch's START offset).
 * Partition p reads start + p, start + p + numPartitions, … Under AvailableNow the first computed
 * end is kept, so that trigger runs exactly one batch. Offset JSON: {"offset":10,"timestamp":1050}.
 */
import {
	type SourcePartition,
	type SourceRow,
	type StreamingSource,
	StreamingSourceError
} from './contract';
import { type ReadLimit, readMaxRows } from './read-limit';

export interface RatePerMicroBatchOffset {
	readonly offset: number;
	readonly timestamp: number;
}

export interface RatePerMicroBatchSpec {
	readonly rowsPerBatch: number;
	/** Default: the session's default parallelism. */
	readonly numPartitions: number;
	/** Default 0. */
	readonly startTimestamp: number;
	/** Default 1000. */
	readonly advanceMillisPerBatch: number;
}

/** RatePerMicroBatchProvider's option checks, with its messages. */
export function parseRatePerMicroBatchOptions(
	raw: Readonly<Record<string, string>>,
	defaultParallelism: number
): { ok: true; value: RatePerMicroBatchSpec } | { ok: false; error: string } {
	const o = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
	const long = (k: string, dflt: number | undefined) => {
		const v = o.get(k.toLowerCase());
		return v === undefined ? dflt : /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
	};
	const rows = long('rowsPerBatch', undefined);
	if (rows === undefined || Number.isNaN(rows) || rows <= 0) {
		return {
			ok: false,
			error: `Invalid value '${o.get('rowsperbatch') ?? 'null'}'. The option 'rowsPerBatch' must be positive`
		};
	}
	const parts = long('numPartitions', defaultParallelism) ?? defaultParallelism;
	if (Number.isNaN(parts) || parts <= 0) {
		return {
			ok: false,
			error: `Invalid value '${o.get('numpartitions')}'. The option 'numPartitions' must be positive`
		};
	}
	const start = long('startTimestamp', 0) ?? 0;
	if (Number.isNaN(start) || start < 0) {
		return {
			ok: false,
			error: `Invalid value '${o.get('starttimestamp')}'. The option 'startTimestamp' must be non-negative`
		};
	}
	const adv = long('advanceMillisPerBatch', 1000) ?? 1000;
	if (Number.isNaN(adv) || adv < 0) {
		return {
			ok: false,
			error: `Invalid value '${o.get('advancemillisperbatch')}'. The option 'advanceMillisPerBatch' must be non-negative`
		};
	}
	return {
		ok: true,
		value: {
			rowsPerBatch: rows,
			numPartitions: parts,
			startTimestamp: start,
			advanceMillisPerBatch: adv
		}
	};
}

export class RatePerMicroBatchStream implements StreamingSource<RatePerMicroBatchOffset> {
	readonly schema = [
		{ name: 'timestamp', type: 'timestamp' as const },
		{ name: 'value', type: 'bigint' as const }
	];
	readonly replayable = true;
	readonly description: string;
	private isTriggerAvailableNow = false;
	private offsetForTriggerAvailableNow: RatePerMicroBatchOffset | null = null;
	private latest: RatePerMicroBatchOffset | null = null;

	constructor(private readonly spec: RatePerMicroBatchSpec) {
		this.description =
			`RatePerMicroBatchStream[rowsPerBatch=${spec.rowsPerBatch}, numPartitions=${spec.numPartitions}, ` +
			`startTimestamp=${spec.startTimestamp}, advanceMsPerBatch=${spec.advanceMillisPerBatch}]`;
	}

	initialOffset(): RatePerMicroBatchOffset {
		return { offset: 0, timestamp: this.spec.startTimestamp };
	}

	getDefaultReadLimit(): ReadLimit {
		return readMaxRows(this.spec.rowsPerBatch);
	}

	prepareForTriggerAvailableNow(): void {
		this.isTriggerAvailableNow = true;
	}

	/** The limit is ignored: the next offset is always start + rowsPerBatch (also under Trigger.Once). */
	latestOffset(start: RatePerMicroBatchOffset): RatePerMicroBatchOffset {
		const next = (s: RatePerMicroBatchOffset) => ({
			offset: s.offset + this.spec.rowsPerBatch,
			timestamp: s.timestamp + this.spec.advanceMillisPerBatch
		});
		if (this.isTriggerAvailableNow) {
			this.offsetForTriggerAvailableNow ??= next(start);
			this.latest = this.offsetForTriggerAvailableNow;
		} else this.latest = next(start);
		return this.latest;
	}

	reportLatestOffset(): RatePerMicroBatchOffset | null {
		return this.latest;
	}

	planInputPartitions(
		start: RatePerMicroBatchOffset,
		end: RatePerMicroBatchOffset
	): SourcePartition[] {
		if (start.offset > end.offset) {
			throw new StreamingSourceError(
				`assertion failed: startOffset(${start.offset}) > endOffset(${end.offset})`
			);
		}
		if (start.offset === end.offset) return [];
		return Array.from({ length: this.spec.numPartitions }, (_, p) => ({
			label: `rate-micro-batch-${p}`,
			from: start.offset,
			until: end.offset
		}));
	}

	readPartition(partition: SourcePartition, start: RatePerMicroBatchOffset): SourceRow[] {
		const p = Number(partition.label.slice(partition.label.lastIndexOf('-') + 1));
		const rows: SourceRow[] = [];
		for (let v = partition.from + p; v < partition.until; v += this.spec.numPartitions) {
			// Every row carries the batch's start timestamp, in microseconds.
			rows.push({ timestamp: start.timestamp * 1000, value: v });
		}
		return rows;
	}

	commit(): void {}

	offsetJson(o: RatePerMicroBatchOffset): string {
		return `{"offset":${o.offset},"timestamp":${o.timestamp}}`;
	}

	parseOffset(json: string): RatePerMicroBatchOffset {
		const m = /^\s*\{\s*"offset"\s*:\s*(-?\d+)\s*,\s*"timestamp"\s*:\s*(-?\d+)\s*\}\s*$/.exec(json);
		if (!m)
			throw new StreamingSourceError(`Cannot parse RatePerMicroBatchStreamOffset from ${json}`);
		return { offset: Number(m[1]), timestamp: Number(m[2]) };
	}

	sameOffset(a: RatePerMicroBatchOffset, b: RatePerMicroBatchOffset): boolean {
		return a.offset === b.offset && a.timestamp === b.timestamp;
	}
}
