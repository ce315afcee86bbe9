import { describe, expect, it } from 'vitest';
import { compileExpr, parseDataType } from '../../../simulations/structured/expr/index';
import { parseJsonRecord } from '../../../simulations/structured/expr/fn-json';
import type { Expr, StructField } from '../../../simulations/structured/expr/ast';

const FIELDS: StructField[] = [
	{ name: 'a', type: { kind: 'int' } },
	{ name: 'b', type: { kind: 'int' } },
	{ name: '_corrupt_record', type: { kind: 'string' } }
];

describe('from_json (PERMISSIVE, SPARK-SEMANTICS R10.1)', () => {
	it('parses a well-formed record; the corrupt column stays NULL', () => {
		expect(parseJsonRecord('{"a": 2, "b": 12}', FIELDS)).toEqual({
			a: 2,
			b: 12,
			_corrupt_record: null
		});
	});
	it('a syntax error keeps the record with NULL fields and the raw text', () => {
		const raw = '{"a" 1, "b": 11}';
		expect(parseJsonRecord(raw, FIELDS)).toEqual({ a: null, b: null, _corrupt_record: raw });
	});
	it('a string where an int is expected gives a partial result', () => {
		const raw = '{"a": "1", "b": 11}';
		expect(parseJsonRecord(raw, FIELDS)).toEqual({ a: null, b: 11, _corrupt_record: raw });
	});
	it('parses ISO-8601 timestamps to microseconds', () => {
		const v = parseJsonRecord('{"t": "2026-01-01T10:00:03.250Z"}', [
			{ name: 't', type: { kind: 'timestamp' } }
		]);
		expect(v).toEqual({ t: Date.UTC(2026, 0, 1, 10, 0, 3, 250) * 1000 });
	});
	it('compiles F.from_json(col, DDL) to a struct column', () => {
		const type = parseDataType('struct<device:string,reading:double,event_time:timestamp>');
		expect(type?.kind).toBe('struct');
		const expr: Expr = {
			kind: 'call',
			fn: 'from_json',
			args: [
				{ kind: 'col', name: 'value' },
				{ kind: 'lit', value: 'struct<device:string,reading:double>', type: { kind: 'string' } }
			]
		};
		const c = compileExpr(expr, [{ name: 'value', type: { kind: 'string' } }]);
		expect(c.ok).toBe(true);
		if (c.ok)
			expect(c.value.eval(['{"device": "d-1", "reading": 21.5}'])).toEqual({
				device: 'd-1',
				reading: 21.5
			});
	});
});

// Each expectation below was observed on PySpark 4.1.4 (local mode) with the same records.
describe('from_json options: mode and columnNameOfCorruptRecord', () => {
	const ab: StructField[] = [
		{ name: 'a', type: { kind: 'int' } },
		{ name: 'b', type: { kind: 'string' } }
	];
	// The reader passes the schema as DDL struct text and the options dict as a JSON literal.
	const compile = (schema: string, options: Record<string, string>) =>
		compileExpr(
			{
				kind: 'call',
				fn: 'from_json',
				args: [
					{ kind: 'col', name: 'v' },
					{ kind: 'lit', value: schema, type: { kind: 'string' } },
					{ kind: 'lit', value: JSON.stringify(options), type: { kind: 'string' } }
				]
			},
			[{ name: 'v', type: { kind: 'string' } }]
		);

	it('a custom corrupt-record column takes the raw text', () => {
		const c = compile('struct<a:int,b:string,bad:string>', { columnNameOfCorruptRecord: 'bad' });
		if (!c.ok) throw new Error(c.error.message);
		expect(c.value.eval(['not json'])).toEqual({ a: null, b: null, bad: 'not json' });
		expect(c.value.eval(['{"a": 1, "b": "x"}'])).toEqual({ a: 1, b: 'x', bad: null });
	});
	it('FAILFAST fails on a wrong type, printing the partial row as Spark does', () => {
		const c = compile('struct<a:int,b:string>', { mode: 'FAILFAST' });
		if (!c.ok) throw new Error(c.error.message);
		expect(c.value.eval(['{"a": 1, "b": "x"}'])).toEqual({ a: 1, b: 'x' });
		expect(() => c.value.eval(['{"a": "oops", "b": "x"}'])).toThrow(
			"[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [null,x].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."
		);
		expect(() => c.value.eval(['not json'])).toThrow('record parsing: [null,null].');
	});
	it('FAILFAST with the corrupt column in the schema prints it filled with the record (PySpark 4.1.4)', () => {
		const c = compile('struct<order_id:string,amount:double,_corrupt_record:string>', {
			mode: 'FAILFAST'
		});
		if (!c.ok) throw new Error(c.error.message);
		expect(() => c.value.eval(['{"order_id":"o-1","amount":64.'])).toThrow(
			'record parsing: [null,null,{"order_id":"o-1","amount":64.].\nParse Mode: FAILFAST.'
		);
		expect(() => c.value.eval(['{"order_id":"o-3","amount":true}'])).toThrow(
			'[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [o-3,null,{"order_id":"o-3","amount":true}].'
		);
	});
	it('FAILFAST on a string for a DOUBLE reports CANNOT_PARSE_STRING_AS_DATATYPE with the record (PySpark 4.1.4)', () => {
		const c = compile('struct<order_id:string,amount:double>', { mode: 'FAILFAST' });
		if (!c.ok) throw new Error(c.error.message);
		expect(() => c.value.eval(['{"order_id":"o-4","amount":"abc"}'])).toThrow(
			'[MALFORMED_RECORD_IN_PARSING.CANNOT_PARSE_STRING_AS_DATATYPE] Malformed records are detected in record parsing: {"order_id":"o-4","amount":"abc"}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option \'mode\' as \'PERMISSIVE\'. Cannot parse the value \'abc\' of the field `amount` as target spark data type DoubleType from the input type StringType.'
		);
	});
	it('modes are case-insensitive; an unknown mode parses permissively', () => {
		const lower = compile('struct<a:int,b:string>', { mode: 'failfast' });
		if (!lower.ok) throw new Error(lower.error.message);
		expect(() => lower.value.eval(['not json'])).toThrow('Parse Mode: FAILFAST');
		const unknown = compile('struct<a:int,b:string>', { mode: 'whatever' });
		if (!unknown.ok) throw new Error(unknown.error.message);
		expect(unknown.value.eval(['not json'])).toEqual({ a: null, b: null });
	});
	it('DROPMALFORMED and a non-string corrupt column are refused at analysis', () => {
		const drop = compile('struct<a:int,b:string>', { mode: 'DROPMALFORMED' });
		expect(drop.ok ? '' : drop.error.message).toBe(
			"[PARSE_MODE_UNSUPPORTED] The function `from_json` doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST."
		);
		const intCol = compile('struct<a:int,_corrupt_record:int>', {});
		expect(intCol.ok ? '' : intCol.error.message).toBe(
			'[INVALID_CORRUPT_RECORD_TYPE] The column `_corrupt_record` for corrupt records must have the nullable STRING type, but got "INT".'
		);
	});
	it('the corrupt column keeps its place in the schema', () => {
		const fields: StructField[] = [{ name: '_corrupt_record', type: { kind: 'string' } }, ...ab];
		expect(Object.keys(parseJsonRecord('{"a": 1}', fields) as object)).toEqual([
			'_corrupt_record',
			'a',
			'b'
		]);
	});
});
