/**
 * What MicroBatchExecution asks of its sources, per source name (constructNextBatch, runBatch;
 * SPARK-SEMANTICS R1.2): plan a trigger's end offset from the committed one, read the rows
 * between two offsets, and release what no batch can re-read. Two kinds take part behind it:
 *
 * - the conformance suites' MemoryStream (memory-stream.ts): offsets are block counts, a batch
 *   runs when the count moved;
 * - the sources of `simulations/sources` (Kafka, files, rate, rate-micro-batch, socket) through
 *   their DataSource V2 contract: `latestOffset(start, limit)` with the read limit the run's
 *   trigger gives them (`setUpTrigger`, once per (re)start), a batch when some end offset differs
 *   from the committed one (or the source had none yet), and offsets/N holding each source's
 *   offset JSON, exactly the line Spark writes there.
 *
 * A fresh `ContractInputs` (contract-inputs.ts, kept apart so pages that read only memory
 * streams do not load the sources' planner) is built for every (re)start, over fresh source instances (Spark builds
 * the sources again on each start); what outlives a run (the broker, the directory, Kafka's
 * initial offsets) lives in the input handles of `simulations/sources/inputs.ts`.
 */
import type { Row } from './context';
import { MemoryStreams } from './memory-stream';

/** One source's offset in offsets/N: a MemoryStream's block count, or a source's offset JSON. */
export type SourceOffset = number | string;

export interface PlannedSource {
	/** Where the batch would end; undefined = the source has no offset yet ("-" in offsets/N). */
	readonly end: SourceOffset | undefined;
	readonly newData: boolean;
}

export interface StreamInputs {
	/** One trigger's end offset for `name`, from the end of the last planned batch. */
	plan(name: string, committed: SourceOffset | undefined): PlannedSource;
	/** The rows in (start, end], in the bound schema's column order. May throw the source's error. */
	read(name: string, start: SourceOffset | undefined, end: SourceOffset | undefined): Row[];
	/** Source.commit: offsets/N is durable, so what batch N-1 read may be dropped. */
	commit(name: string, offset: SourceOffset | undefined): void;
	/** As the progress' `sources[].description`. */
	describe(name: string): string;
}

/** MemoryStream offsets: the number of addData blocks; a batch runs when it moved. */
export function memoryInputs(streams: MemoryStreams): StreamInputs {
	return {
		plan: (name, committed) => {
			const end = streams.latestOffset(name);
			return { end, newData: end !== (committed ?? 0) };
		},
		read: (name, start, end) => streams.read(name, Number(start ?? 0), Number(end ?? 0)),
		commit: (name, offset) => streams.commit(name, Number(offset ?? 0)),
		describe: (name) => `MemoryStream[${name}]`
	};
}

export const asStreamInputs = (s: MemoryStreams | StreamInputs): StreamInputs =>
	s instanceof MemoryStreams ? memoryInputs(s) : s;
