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
