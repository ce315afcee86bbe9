// VARIANT functions (Spark 4.0). Every expectation was observed on PySpark 4.1.4 with the same
// record: {"b": 1, "a": {"x": [1, 2.5, "s"]}, "n": null, "s": "12", "f": 1.50, "t": true,
// "big": 12345678901}.
import { describe, expect, it } from 'vitest';
import { compileExpr } from '../../../simulations/structured/expr/index';
import type { Expr } from '../../../simulations/structured/expr/ast';

const RECORD =
	'{"b": 1, "a": {"x": [1, 2.5, "s"]}, "n": null, "s": "12", "f": 1.50, "t": true, "big": 12345678901}';
const str = (value: string): Expr => ({ kind: 'lit', value, type: { kind: 'string' } });
const parsed: Expr = { kind: 'call', fn: 'parse_json', args: [{ kind: 'col', name: 'v' }] };
const SCHEMA = [{ name: 'v', type: { kind: 'string' as const } }];

function evalOn(e: Expr, text = RECORD) {
	const c = compileExpr(e, SCHEMA);
	if (!c.ok) throw new Error(c.error.message);
	return c.value.eval([text]);
}
const get = (fn: string, path: string, type: string) =>
	evalOn({ kind: 'call', fn, args: [parsed, str(path), str(type)] });

describe('parse_json and to_json', () => {
	it('prints a variant as canonical JSON: keys sorted, no spaces, 1.50 as 1.5', () => {
		expect(evalOn({ kind: 'call', fn: 'to_json', args: [parsed] })).toBe(
			'{"a":{"x":[1,2.5,"s"]},"b":1,"big":12345678901,"f":1.5,"n":null,"s":"12","t":true}'
		);
	});
	it('malformed text fails the query; try_parse_json gives NULL', () => {
		expect(() => evalOn(parsed, 'not json')).toThrow(
			'[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: not json.'
		);
		expect(
			evalOn({ kind: 'call', fn: 'try_parse_json', args: [{ kind: 'col', name: 'v' }] }, 'x')
		).toBeNull();
	});
});

describe('variant_get', () => {
	it.each([
		['$.b', 'int', 1],
		['$.b', 'string', '1'],
		['$.b', 'double', 1],
		['$.s', 'int', 12],
		['$.s', 'string', '12'],
		['$.f', 'int', 1],
		['$.f', 'string', '1.5'],
		['$.t', 'string', 'true'],
		['$.t', 'int', 1],
		['$.a.x[1]', 'double', 2.5],
		['$.a.x[2]', 'string', 's'],
		['$.a.x[5]', 'int', null],
		["$['b']", 'int', 1],
		['$.n', 'int', null],
		['$.a', 'string', '{"x":[1,2.5,"s"]}'],
		['$.big', 'bigint', 12345678901],
		['$.missing', 'int', null],
		['$.a.x', 'string', '[1,2.5,"s"]'],
		['$.b', 'boolean', true]
	])('%s as %s', (path, type, want) => {
		expect(get('variant_get', path, type)).toEqual(want);
		expect(get('try_variant_get', path, type)).toEqual(want);
	});
	it('a failed cast is INVALID_VARIANT_CAST, or NULL under try_variant_get', () => {
		expect(() => get('variant_get', '$.big', 'int')).toThrow(
			'[INVALID_VARIANT_CAST] The variant value `12345678901` cannot be cast into `"INT"`. Please use `try_variant_get` instead.'
		);
		expect(get('try_variant_get', '$.big', 'int')).toBeNull();
		expect(() => get('variant_get', '$.a.x', 'array<int>')).toThrow(
			'The variant value `"s"` cannot be cast into `"INT"`'
		);
		expect(get('try_variant_get', '$.a.x', 'array<int>')).toEqual([1, 2, null]);
		expect(() => get('variant_get', '$.s', 'timestamp')).toThrow(
			'The variant value `"12"` cannot be cast into `"TIMESTAMP"`'
		);
	});
	it('a bad path fails when a row is evaluated, not at analysis', () => {
		const e: Expr = { kind: 'call', fn: 'variant_get', args: [parsed, str('b'), str('int')] };
		const c = compileExpr(e, SCHEMA);
		expect(c.ok).toBe(true);
		if (!c.ok) return;
		expect(() => c.value.eval([RECORD])).toThrow(
			'[INVALID_VARIANT_GET_PATH] The path `b` is not a valid variant extraction path in ``variant_get``.\nA valid path should start with `$` and is followed by zero or more segments like `[123]`, `.name`, `[\'name\']`, or `["name"]`.'
		);
		expect(() => get('variant_get', '$..b', 'int')).toThrow('The path `$..b` is not');
	});
	it('is_variant_null is true for a JSON null only', () => {
		const at = (path: string) =>
			evalOn({
				kind: 'call',
				fn: 'is_variant_null',
				args: [{ kind: 'call', fn: 'variant_get', args: [parsed, str(path), str('variant')] }]
			});
		expect(at('$.n')).toBe(true);
		expect(at('$.b')).toBe(false);
		expect(at('$.missing')).toBe(false);
	});
});
