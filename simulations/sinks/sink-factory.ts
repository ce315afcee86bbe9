/**
 * The sink a started query writes to, from the writer chain: DataStreamWriter.startInternal's
 * dispatch (memory, foreach, foreachBatch by name; other formats through DataSource lookup;
 * `toTable` through the session catalog), with its start-time checks first (output-modes.ts).
 * The loop builds one per query and keeps it across restarts when the sink outlives the query
 * (a memory table in a test, a directory, a topic).
 */
import type { KafkaBroker } from '../sources/kafka/broker';
import { ConsoleSink, parseConsoleOptions } from './console-sink';
import type { SinkField, StreamingSink } from './contract';
import { SinkError } from './errors';
import { FileStreamSink } from './file-sink';
import { ForeachBatchSink, type ForeachBatchFunction } from './foreach-batch-sink';
import { ForeachSink, type ForeachWriter } from './foreach-sink';
import { KafkaSink } from './kafka-sink';
import { MemorySink } from './memory-sink';
import { checkSinkAtStart, pathOption, sinkKindOf, type SinkStartSpec } from './output-modes';
import { startToTable, type SessionCatalog } from './table-sink';

export interface SinkRequest extends SinkStartSpec {
	readonly schema: readonly SinkField[];
	/** Set for `toTable(name)`; `format` is then the writer's format, if any. */
	readonly toTable?: string;
}

/** What the sinks write into, and the user code they call (injected by the loop). */
export interface SinkEnvironment {
	readonly broker?: KafkaBroker;
	readonly catalog?: SessionCatalog;
	readonly foreachBatch?: ForeachBatchFunction;
	readonly foreach?: ForeachWriter;
}

export type SinkResult =
	| { readonly ok: true; readonly sink: StreamingSink }
	| { readonly ok: false; readonly error: SinkError };

const missing = (what: string): SinkResult => ({
	ok: false,
	error: new SinkError(`The playground needs ${what} to run this sink.`)
});

export function createSink(req: SinkRequest, env: SinkEnvironment): SinkResult {
	if (req.toTable !== undefined) {
		if (!env.catalog) return missing('a session catalog');
		const r = startToTable(env.catalog, {
			tableName: req.toTable,
			...(req.format === '' ? {} : { source: req.format }),
			outputMode: req.outputMode,
			schema: req.schema
		});
		return r.ok ? { ok: true, sink: r.sink } : r;
	}
	const refused = checkSinkAtStart(req);
	if (refused) return { ok: false, error: refused };
	switch (sinkKindOf(req.format)) {
		case 'memory':
			return { ok: true, sink: new MemorySink() };
		case 'console': {
			const o = parseConsoleOptions(req.options);
			return o.ok ? { ok: true, sink: new ConsoleSink(req.schema, o.value) } : o;
		}
		case 'file':
			return {
				ok: true,
				sink: new FileStreamSink({
					path: pathOption(req.options) ?? '',
					format: req.format,
					schema: req.schema
				})
			};
		case 'kafka': {
			if (!env.broker) return missing('a Kafka broker');
			const sink = new KafkaSink({ broker: env.broker, schema: req.schema, options: req.options });
			const invalid = sink.validate();
			return invalid ? { ok: false, error: invalid } : { ok: true, sink };
		}
		case 'foreachBatch':
			return env.foreachBatch
				? { ok: true, sink: new ForeachBatchSink(env.foreachBatch) }
				: missing('the foreachBatch function');
		case 'foreach':
			return env.foreach
				? { ok: true, sink: new ForeachSink(env.foreach) }
				: missing('the ForeachWriter');
		case 'table':
		case null:
			return missing(`a sink for format "${req.format}"`);
	}
}
