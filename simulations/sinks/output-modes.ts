/**
 * Which output modes each sink accepts, and the checks DataStreamWriter.start() makes on the
 * sink before any batch runs, with Spark's own texts (Spark 4.1,
 * sql/core/.../classic/DataStreamWriter.scala `startInternal`, DataSource.scala `createSink`).
 *
 * - File formats are V1 `FileFormat` sinks: `DataSource.createSink` throws
 *   `QueryCompilationErrors.dataSourceOutputModeUnsupportedError(className, outputMode)` for any
 *   mode but append, i.e. `[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming
 *   output mode: <mode>. This output mode is not supported in Data Source <className>.
 *   SQLSTATE: 42KDE`, with `className` the format as the program wrote it and the mode in lower
 *   case (FileStreamSinkSuite "Update and Complete output mode not supported"). The path check
 *   ('path' is not specified.) comes first.
 * - memory, console, Kafka and foreach are V2 tables whose WriteBuilder mixes in SupportsTruncate
 *   and SupportsStreamingUpdateAsAppend, so V2Writes' "<table> does not support Complete/Update
 *   mode." requirement never fails for them: all three modes.
 * - foreachBatch is a V1 sink with no mode check: all three modes.
 * - toTable on a session-catalog table is the file sink at the table's location
 *   (`writeToV1Table` → `format(provider).startInternal(location)`): append only, the error
 *   naming the table's provider.
 * This check runs in startInternal, before StreamingQueryManager's plan checks
 * (UnsupportedOperationChecker), so it is the first error a program meets.
 */
import type { OutputMode, SinkKind } from './contract';
import { SinkError, legacyError } from './errors';
import { FILE_FORMATS, pathOption, sinkKindOf, unsupportedDataSourceModeText } from './sink-kind';

export { FILE_FORMATS, option, pathOption, sinkKindOf } from './sink-kind';

/** STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE, as QueryCompilationErrors builds it. */
export const unsupportedDataSourceMode = (className: string, mode: OutputMode): SinkError =>
	new SinkError(
		unsupportedDataSourceModeText(className, mode),
		'STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE',
		'42KDE'
	);

export const ACCEPTED_MODES: Readonly<Record<SinkKind, readonly OutputMode[]>> = {
	console: ['append', 'update', 'complete'],
	memory: ['append', 'update', 'complete'],
	kafka: ['append', 'update', 'complete'],
	foreach: ['append', 'update', 'complete'],
	foreachBatch: ['append', 'update', 'complete'],
	file: ['append'],
	table: ['append']
};

export interface SinkStartSpec {
	/** The format as written (`format("parquet")`), `foreachBatch`/`foreach` for those calls;
	 *  the default source is spark.sql.sources.default = parquet. */
	readonly format: string;
	readonly outputMode: OutputMode;
	/** Writer options, `path` included when start(path) was called. */
	readonly options: Readonly<Record<string, string>>;
	readonly queryName?: string;
	readonly continuousTrigger?: boolean;
}

/** The sink checks of DataStreamWriter.startInternal, in its order; null when the sink starts. */
export function checkSinkAtStart(spec: SinkStartSpec): SinkError | null {
	const kind = sinkKindOf(spec.format);
	switch (kind) {
		case 'memory':
			if (spec.queryName === undefined && spec.options.queryName === undefined)
				return legacyError(
					'queryName must be specified for memory sink.',
					'_LEGACY_ERROR_TEMP_1194'
				);
			return null;
		case 'foreachBatch':
			if (spec.continuousTrigger)
				return legacyError(
					"'foreachBatch' is not supported with continuous trigger.",
					'_LEGACY_ERROR_TEMP_1195'
				);
			return null;
		case 'file':
			if (pathOption(spec.options) === undefined)
				return legacyError("'path' is not specified.", '_LEGACY_ERROR_TEMP_2047');
			if (spec.outputMode !== 'append')
				return unsupportedDataSourceMode(spec.format, spec.outputMode);
			return null;
		case 'console':
		case 'kafka':
		case 'foreach':
		case 'table':
			return null;
		case null:
			return new SinkError(
				`The playground has no sink for format "${spec.format}". Supported: console, memory, kafka, ` +
					`${FILE_FORMATS.join(', ')}, foreach, foreachBatch, toTable.`
			);
	}
}
