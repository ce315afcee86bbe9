/**
 * `writeStream.toTable(name)` (Spark 4.1 sql/core/.../classic/DataStreamWriter.scala `toTable`):
 * 1. a temporary view of that name is refused: "Temporary view <name> doesn't support streaming
 *    write." (_LEGACY_ERROR_TEMP_1190);
 * 2. a missing table is created first (CREATE TABLE … USING <source>, the source being the
 *    writer's format, default spark.sql.sources.default = parquet), at the warehouse location;
 * 3. a session-catalog table is a V1 table, written by `writeToV1Table`: a view is refused
 *    ("Streaming into views <name> is not supported.", _LEGACY_ERROR_TEMP_1191), a format other
 *    than the table's provider is refused ("The input source(<source>) is different from the
 *    table <name>'s data source provider(<provider>).", _LEGACY_ERROR_TEMP_1192), and the query
 *    then runs as `format(provider).start(location)`: the file sink at the table's location.
 * So a streaming table write is append only (the error names the provider) and exactly-once
 * through the table directory's `_spark_metadata`; `spark.read.table(name)` sees only committed
 * batches.
 */
import type { OutputMode, SinkField, SinkRow } from './contract';
import { SinkError, legacyError } from './errors';
import { FileStreamSink } from './file-sink';
import { FILE_FORMATS, unsupportedDataSourceMode } from './output-modes';

export interface CatalogTable {
	readonly name: string;
	readonly provider: string;
	readonly location: string;
	readonly tableType: 'MANAGED' | 'EXTERNAL' | 'VIEW';
}

/** The session catalog the writes go to: tables (with their sinks) and temp views. */
export class SessionCatalog {
	private readonly tables = new Map<string, CatalogTable>();
	private readonly sinks = new Map<string, FileStreamSink>();
	private readonly tempViews = new Set<string>();

	constructor(readonly warehouse = '/spark-warehouse') {}

	/** Identifiers in the session catalog are case-insensitive. */
	private key(name: string): string {
		return name.toLowerCase();
	}

	createTable(table: CatalogTable): void {
		this.tables.set(this.key(table.name), table);
	}

	createTempView(name: string): void {
		this.tempViews.add(this.key(name));
	}

	isTempView(name: string): boolean {
		return this.tempViews.has(this.key(name));
	}

	table(name: string): CatalogTable | undefined {
		return this.tables.get(this.key(name));
	}

	/** The file sink writing a table's location, shared by every query writing that table. */
	sinkFor(table: CatalogTable, schema: readonly SinkField[]): FileStreamSink {
		const k = this.key(table.name);
		let sink = this.sinks.get(k);
		if (sink === undefined) {
			sink = new FileStreamSink({ path: table.location, format: table.provider, schema });
			this.sinks.set(k, sink);
		}
		return sink;
	}

	/** `spark.read.table(name)`: the committed rows of the table's directory (null: no table). */
	readTable(name: string): SinkRow[] | null {
		if (this.table(name) === undefined) return null;
		return this.sinks.get(this.key(name))?.readCommitted() ?? [];
	}
}

export interface ToTableRequest {
	readonly tableName: string;
	/** The writer's format; spark.sql.sources.default (parquet) when the program set none. */
	readonly source?: string;
	readonly outputMode: OutputMode;
	readonly schema: readonly SinkField[];
}

export type ToTableResult =
	| {
			readonly ok: true;
			readonly sink: FileStreamSink;
			readonly table: CatalogTable;
			readonly created: boolean;
	  }
	| { readonly ok: false; readonly error: SinkError };

export function startToTable(catalog: SessionCatalog, req: ToTableRequest): ToTableResult {
	const source = req.source ?? 'parquet';
	const name = req.tableName;
	if (catalog.isTempView(name))
		return {
			ok: false,
			error: legacyError(
				`Temporary view ${name} doesn't support streaming write.`,
				'_LEGACY_ERROR_TEMP_1190'
			)
		};
	let created = false;
	if (catalog.table(name) === undefined) {
		if (!FILE_FORMATS.includes(source.toLowerCase()))
			return {
				ok: false,
				error: new SinkError(
					`The playground creates tables only with a file provider (${FILE_FORMATS.join(', ')}), not "${source}".`
				)
			};
		catalog.createTable({
			name,
			provider: source,
			location: `${catalog.warehouse}/${name.toLowerCase()}`,
			tableType: 'MANAGED'
		});
		created = true;
	}
	const table = catalog.table(name) as CatalogTable;
	if (table.tableType === 'VIEW')
		return {
			ok: false,
			error: legacyError(
				`Streaming into views ${name} is not supported.`,
				'_LEGACY_ERROR_TEMP_1191'
			)
		};
	if (source !== table.provider)
		return {
			ok: false,
			error: legacyError(
				`The input source(${source}) is different from the table ${name}'s data source provider(${table.provider}).`,
				'_LEGACY_ERROR_TEMP_1192'
			)
		};
	if (req.outputMode !== 'append')
		return { ok: false, error: unsupportedDataSourceMode(table.provider, req.outputMode) };
	return { ok: true, sink: catalog.sinkFor(table, req.schema), table, created };
}
