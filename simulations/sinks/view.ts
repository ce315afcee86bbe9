/**
 * One shape for what any sink holds now, for the sinks page: the rows a reader of the sink sees
 * (the memory table, the committed files, the topic's records, what was printed, what the user
 * function delivered), each with how many times it was delivered, and the guarantee that
 * explains the counts. Reads the sinks; changes nothing.
 */
import type { DeliveryGuarantee, SinkKind, SinkRow, StreamingSink } from './contract';
import { FileStreamSink } from './file-sink';
import { KafkaSink } from './kafka-sink';
import { MemorySink } from './memory-sink';

export interface SinkView {
	readonly kind: SinkKind;
	readonly description: string;
	readonly guarantee: DeliveryGuarantee;
	/** What a reader of the sink sees, in the sink's own order. */
	readonly visible: readonly SinkRow[];
	/** Per delivered output row: its batch and how many times it reached the reader. */
	readonly deliveries: readonly {
		readonly batchId: number;
		readonly row: SinkRow;
		readonly writes: number;
	}[];
	/** Deliveries beyond the first: the duplicates a replay left. */
	readonly duplicates: number;
}

function visibleRows(sink: StreamingSink): SinkRow[] {
	if (sink instanceof MemorySink) return sink.allData();
	if (sink instanceof FileStreamSink) return sink.readCommitted();
	if (sink instanceof KafkaSink)
		return sink.produced.map((r) => [r.key, r.value, r.topic, r.partition, r.offset]);
	// Console: each delivery is a printed line (a replayed batch is printed again); foreach and
	// foreachBatch: what the user code delivered to its own target.
	return sink.ledger.all().flatMap((e) => Array.from({ length: e.writes }, () => e.row));
}

export function sinkView(sink: StreamingSink): SinkView {
	return {
		kind: sink.kind,
		description: sink.description,
		guarantee: sink.guarantee,
		visible: visibleRows(sink),
		deliveries: sink.ledger.all().map(({ batchId, row, writes }) => ({ batchId, row, writes })),
		duplicates: sink.ledger.totals().extraWrites
	};
}

/** The newest rows a reader sees, for a page that looks after every batch: sinkView's rows
 *  without copying the rest (a topic holds thousands of records), each marked when it is a
 *  second delivery (a Kafka record a re-run batch produced; a printed or user-delivered row
 *  counted again), with the total and the ledger's extra deliveries. */
export interface SinkTail {
	readonly visible: number;
	readonly rows: readonly SinkRow[];
	readonly copies: readonly boolean[];
	/** Per row, where it went ('' for a sink with one target; a foreachBatch function's topic or
	 *  table when it writes to several). */
	readonly targets: readonly string[];
	readonly duplicates: number;
}

export function sinkTail(sink: StreamingSink, n: number): SinkTail {
	const duplicates = sink.ledger.totals().extraWrites;
	if (sink instanceof KafkaSink) {
		const tail = sink.produced.slice(-n);
		return {
			visible: sink.produced.length,
			rows: tail.map((r) => [r.key, r.value, r.topic, r.partition, r.offset]),
			copies: tail.map((r) => r.attempt > 0),
			targets: tail.map(() => ''),
			duplicates
		};
	}
	if (sink instanceof MemorySink || sink instanceof FileStreamSink) {
		const all = visibleRows(sink);
		const rows = all.slice(-n);
		return { visible: all.length, rows, copies: [], targets: rows.map(() => ''), duplicates };
	}
	const expanded = sink.ledger
		.all()
		.flatMap((e) =>
			Array.from({ length: e.writes }, (_, i) => ({ row: e.row, copy: i > 0, target: e.target }))
		);
	const tail = expanded.slice(-n);
	return {
		visible: expanded.length,
		rows: tail.map((x) => x.row),
		copies: tail.map((x) => x.copy),
		targets: tail.map((x) => x.target),
		duplicates
	};
}
