/**
 * Which sink a `format(...)` names and the file sink's mode error, apart from the start-time
 * checks (output-modes.ts) so the analyzer can refuse a file sink's mode with Spark's text
 * without loading every sink's checks into each page.
 */
import type { OutputMode, SinkKind } from './contract';

/** File formats the file sink writes (FileFormat data sources with a DataSourceRegister name). */
export const FILE_FORMATS: readonly string[] = ['parquet', 'orc', 'json', 'csv', 'text'];

/** The sink a `format(...)` names (DataSource.lookupDataSource is case-insensitive for short
 *  names; `memory`, `foreach` and `foreachBatch` are compared exactly, as startInternal does). */
export function sinkKindOf(format: string): SinkKind | null {
	if (format === 'memory') return 'memory';
	if (format === 'foreach') return 'foreach';
	if (format === 'foreachBatch') return 'foreachBatch';
	const f = format.toLowerCase();
	if (f === 'console') return 'console';
	if (f === 'kafka') return 'kafka';
	if (f === 'table') return 'table';
	if (FILE_FORMATS.includes(f)) return 'file';
	return null;
}

/** STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE, as QueryCompilationErrors builds it. */
export const unsupportedDataSourceModeText = (className: string, mode: OutputMode): string =>
	`[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: ${mode}. This output mode is not supported in Data Source ${className}. SQLSTATE: 42KDE`;

/** A case-insensitive option lookup (Spark's options are a CaseInsensitiveMap). */
export function option(options: Readonly<Record<string, string>>, key: string): string | undefined {
	const want = key.toLowerCase();
	for (const [k, v] of Object.entries(options)) if (k.toLowerCase() === want) return v;
	return undefined;
}

export const pathOption = (options: Readonly<Record<string, string>>): string | undefined =>
	option(options, 'path');
