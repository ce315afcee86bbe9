/**
 * The output modes each sink accepts, refused at start with Spark 4.1's own text
 * (error-conditions.json STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE, raised by
 * DataSource.createSink; FileStreamSinkSuite "Update and Complete output mode not supported"
 * expects className "parquet" and the mode in lower case).
 */
import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_MODES,
	SessionCatalog,
	checkSinkAtStart,
	createSink,
	startToTable,
	type OutputMode,
	type SinkField
} from '../../../simulations/sinks';

const SCHEMA: SinkField[] = [{ name: 'value', type: { kind: 'string' } }];
const MODES: OutputMode[] = ['append', 'update', 'complete'];

describe('file sinks accept append only', () => {
	it.each([
		['parquet', 'update'],
		['parquet', 'complete'],
		['csv', 'update'],
		['json', 'complete']
	] as const)('%s in %s mode', (format, mode) => {
		expect(
			checkSinkAtStart({ format, outputMode: mode, options: { path: '/tmp/out' } })?.message
		).toBe(
			`[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: ${mode}. ` +
				`This output mode is not supported in Data Source ${format}. SQLSTATE: 42KDE`
		);
	});

	it('names the format as the program wrote it, and checks the path first', () => {
		expect(
			checkSinkAtStart({ format: 'Parquet', outputMode: 'update', options: { PATH: '/o' } })
				?.message
		).toContain('not supported in Data Source Parquet.');
		const noPath = checkSinkAtStart({ format: 'parquet', outputMode: 'update', options: {} });
		expect(noPath?.message).toBe("'path' is not specified.");
		expect(noPath?.condition).toBe('_LEGACY_ERROR_TEMP_2047');
		expect(
			checkSinkAtStart({ format: 'parquet', outputMode: 'append', options: { path: '/o' } })
		).toBeNull();
	});
});

describe('the other sinks accept every mode', () => {
	it.each(['console', 'kafka', 'foreach', 'foreachBatch'])('%s', (format) => {
		for (const outputMode of MODES)
			expect(checkSinkAtStart({ format, outputMode, options: {} })).toBeNull();
	});

	it('memory needs a query name (its table name), in any mode', () => {
		for (const outputMode of MODES) {
			expect(checkSinkAtStart({ format: 'memory', outputMode, options: {} })?.message).toBe(
				'queryName must be specified for memory sink.'
			);
			expect(
				checkSinkAtStart({ format: 'memory', outputMode, options: {}, queryName: 'q' })
			).toBeNull();
		}
	});

	it('the table of accepted modes matches the checks', () => {
		expect(ACCEPTED_MODES.file).toEqual(['append']);
		expect(ACCEPTED_MODES.table).toEqual(['append']);
		expect(ACCEPTED_MODES.kafka).toEqual(MODES);
	});

	it('foreachBatch refuses a continuous trigger', () => {
		expect(
			checkSinkAtStart({
				format: 'foreachBatch',
				outputMode: 'append',
				options: {},
				continuousTrigger: true
			})?.message
		).toBe("'foreachBatch' is not supported with continuous trigger.");
	});
});

describe('toTable writes through the file sink at the table location', () => {
	it('creates a missing parquet table, then refuses update naming the provider', () => {
		const catalog = new SessionCatalog();
		const r = startToTable(catalog, { tableName: 'Counts', outputMode: 'update', schema: SCHEMA });
		expect(r.ok ? '' : r.error.message).toBe(
			'[STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE] Invalid streaming output mode: update. ' +
				'This output mode is not supported in Data Source parquet. SQLSTATE: 42KDE'
		);
		// CREATE TABLE ran before the sink was made: the table is there.
		expect(catalog.table('counts')).toMatchObject({
			provider: 'parquet',
			location: '/spark-warehouse/counts'
		});
	});

	it('append into a table: exactly-once through its _spark_metadata; reads see committed rows', () => {
		const catalog = new SessionCatalog();
		const r = startToTable(catalog, { tableName: 't', outputMode: 'append', schema: SCHEMA });
		if (!r.ok) throw new Error(r.error.message);
		expect(r.created).toBe(true);
		expect(r.sink.description).toBe('FileSink[/spark-warehouse/t]');
		r.sink.addBatch({ batchId: 0, rows: [['x']], outputMode: 'append' });
		r.sink.addBatch({ batchId: 0, rows: [['x']], outputMode: 'append' });
		expect(catalog.readTable('T')).toEqual([['x']]);
		expect(catalog.readTable('missing')).toBeNull();
	});

	it("refuses views, temp views and a format other than the table's provider", () => {
		const catalog = new SessionCatalog();
		catalog.createTable({ name: 'v', provider: 'parquet', location: '/w/v', tableType: 'VIEW' });
		catalog.createTable({ name: 'j', provider: 'json', location: '/w/j', tableType: 'MANAGED' });
		catalog.createTempView('tmp');
		const msg = (tableName: string, source?: string): string => {
			const r = startToTable(catalog, {
				tableName,
				outputMode: 'append',
				schema: SCHEMA,
				...(source ? { source } : {})
			});
			return r.ok ? 'ok' : r.error.message;
		};
		expect(msg('v')).toBe('Streaming into views v is not supported.');
		expect(msg('tmp')).toBe("Temporary view tmp doesn't support streaming write.");
		expect(msg('j')).toBe(
			"The input source(parquet) is different from the table j's data source provider(json)."
		);
		expect(msg('j', 'json')).toBe('ok');
	});
});

describe('createSink', () => {
	it('runs the start checks before building a sink', () => {
		const r = createSink(
			{ format: 'json', outputMode: 'complete', options: { path: '/o' }, schema: SCHEMA },
			{}
		);
		expect(r.ok ? '' : r.error.condition).toBe('STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE');
		const m = createSink(
			{ format: 'memory', outputMode: 'complete', options: {}, queryName: 'q', schema: SCHEMA },
			{}
		);
		expect(m.ok && m.sink.kind).toBe('memory');
		const f = createSink(
			{ format: 'foreachBatch', outputMode: 'update', options: {}, schema: SCHEMA },
			{ foreachBatch: () => [] }
		);
		expect(f.ok && f.sink.kind).toBe('foreachBatch');
	});
});
