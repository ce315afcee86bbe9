/**
 * A socket source on the fault-tolerance pages (basic-14's socket preset): the lines a client
 * writes to `localhost:9999` and the driver that reads them. Spark's TextSocketMicroBatchStream
 * keeps the lines it received in the driver's memory and numbers them (the offset is the last
 * line's index): nothing outside the driver holds them. So a driver that dies takes its lines
 * with it, and the lines written while no driver is connected reach nobody. The restarted query
 * connects again and reads only what arrives from then on; the batch it replays from offsets/N
 * finds none of the lines that offset range meant.
 *
 * Modelled, not Spark's exact numbers: the offsets here count every line written (one numbering
 * for the whole run), so a range read after a restart holds exactly the lines this incarnation
 * received. Spark's restarted stream numbers from −1 again; either way those rows are gone.
 */
import type { Result } from '../../core/errors';
import type { ProcTimeMs } from '../../core/time';
import type { MicroBatchSource } from '../../microbatch/source';
import { LongOffsetSourceAdapter } from '../../sources/legacy-adapter';
import type { AnalyzedNode } from '../../structured/analyzer/types';
import type { AnalyzedQuery } from '../../structured/index';
import { ContractInputs } from '../../structured/runtime/contract-inputs';
import { MicroBatchExecution, type ExecutorOptions } from '../../structured/runtime/executor';
import { sourceName } from '../../structured/runtime/physical';
import { readStreamSource } from '../kafka-query';

export interface SocketLine {
	readonly atMs: number;
	readonly text: string;
}

/** The program's socket source (`spark.readStream.format("socket")…load()`), if it reads one. */
export const socketSource = (q: AnalyzedQuery): AnalyzedNode | null =>
	readStreamSource(q, 'socket');

/** What one driver's connection holds: the lines written from `connectedAtMs` on. */
function connection(lines: readonly SocketLine[], connectedAtMs: number): MicroBatchSource {
	return {
		description: 'TextSocketV2[host: localhost, port: 9999]',
		initialOffset: -1,
		supportsAvailableNow: false,
		latestOffset(now) {
			let last = -1;
			lines.forEach((l, i) => {
				if (l.atMs <= now) last = i;
			});
			return last;
		},
		read(start, end) {
			const out = [];
			for (let i = start + 1; i <= end; i++) {
				const l = lines[i];
				// Written before this driver connected: in a dead driver's memory, or sent to nobody.
				if (l === undefined || l.atMs < connectedAtMs) continue;
				out.push({
					id: i,
					value: i,
					timestampMs: l.atMs as ProcTimeMs,
					partition: 0,
					text: l.text
				});
			}
			return out;
		}
	};
}

/** A (re)start of the program's query on a fresh socket connection made at `nowMs`. */
export function startOnSocket(
	lines: readonly SocketLine[],
	nowMs: number,
	q: AnalyzedQuery,
	src: AnalyzedNode,
	options: ExecutorOptions
): Result<{ source: LongOffsetSourceAdapter; exec: MicroBatchExecution }, string> {
	const source = new LongOffsetSourceAdapter(
		connection(lines, nowMs),
		{ nowMs: () => options.clock() },
		false,
		'socket'
	);
	const columns = src.plan.op === 'Source' ? src.plan.schema.map((f) => f.name) : ['value'];
	const inputs = new ContractInputs(
		new Map([[sourceName(src), { source, columns }]]),
		'processingTime'
	);
	return { ok: true, value: { source, exec: new MicroBatchExecution(q, inputs, options) } };
}

/** The socket's offsets as the ledger of a batch draws them: one partition, the line index. */
export const socketOffsets = (json: string | undefined): Record<number, number> =>
	json === undefined || !/^\s*-?\d+\s*$/.test(json) ? {} : { 0: Number(json) };
