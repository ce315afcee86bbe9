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

/**
 * RatePerMicroBatchProvider.getTable's checks, with its messages. A missing rowsPerBatch reads as
 * 0 (options.getLong(ROWS_PER_BATCH, 0)) and is refused as such; a non-number is Java's
 * NumberFormatException text.
 */
export function parseRatePerMicroBatchOptions(
	raw: Readonly<Record<string, string>>,
	defaultParallelism: number
): { ok: true; value: RatePerMicroBatchSpec } | { ok: false; error: string } {
	const o = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
	const checks: [string, number, (v: number) => boolean, string][] = [
		['rowsPerBatch', 0, (v) => v > 0, 'must be positive'],
		['numPartitions', defaultParallelism, (v) => v > 0, 'must be positive'],
		['startTimestamp', 0, (v) => v >= 0, 'must be non-negative'],
		['advanceMillisPerBatch', 1000, (v) => v >= 0, 'must be non-negative']
	];
	const got: number[] = [];
	for (const [name, dflt, valid, rule] of checks) {
		const text = o.get(name.toLowerCase());
		if (text !== undefined && !/^-?\d+$/.test(text))
			return { ok: false, error: `For input string: "${text}"` };
		const v = text === undefined ? dflt : Number(text);
		if (!valid(v))
			return { ok: false, error: `Invalid value '${v}'. The option '${name}' ${rule}` };
		got.push(v);
	}
	const [rowsPerBatch = 0, numPartitions = 1, startTimestamp = 0, advanceMillisPerBatch = 1000] =
		got;
	return {
		ok: true,
		value: { rowsPerBatch, numPartitions, startTimestamp, advanceMillisPerBatch }
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
