// to_json of a struct (StructsToJson / JacksonGenerator). Expected text observed on PySpark 4.1
// (session time zone UTC): to_json(struct(window, device, events, r, xs)) after a 10-second
// window over timestamp'2026-01-01 00:00:50' gave
// {"window":{"start":"2026-01-01T00:00:50.000Z","end":"2026-01-01T00:01:00.000Z"},"device":"d-2","events":1,"r":20.0,"xs":[1.5,2.0]}
import { describe, expect, it } from 'vitest';
import { compileExpr } from '../../../simulations/structured/expr/index';
import type { DataType, Expr, StructField } from '../../../simulations/structured/expr/ast';

const WINDOW: DataType = {
	kind: 'struct',
	fields: [
		{ name: 'start', type: { kind: 'timestamp' } },
		{ name: 'end', type: { kind: 'timestamp' } }
	]
};
const SCHEMA: StructField[] = [
	{ name: 'window', type: WINDOW },
	{ name: 'device', type: { kind: 'string' } },
	{ name: 'events', type: { kind: 'long' } },
	{ name: 'r', type: { kind: 'double' } },
	{ name: 'xs', type: { kind: 'array', element: { kind: 'double' } } }
];
const col = (name: string): Expr => ({ kind: 'col', name });
const toJson: Expr = {
	kind: 'call',
	fn: 'to_json',
	args: [{ kind: 'call', fn: 'struct', args: SCHEMA.map((f) => col(f.name)) }]
};
const us = (iso: string) => Date.parse(iso) * 1000;

describe('to_json', () => {
	it('writes timestamps in the JSON write format, doubles as Java prints them, fields in order', () => {
		const c = compileExpr(toJson, SCHEMA);
		if (!c.ok) throw new Error(c.error.message);
		const row = [
			{ start: us('2026-01-01T00:00:50Z'), end: us('2026-01-01T00:01:00Z') },
			'd-2',
			1,
			20,
			[1.5, 2]
		];
		expect(c.value.eval(row)).toBe(
			'{"window":{"start":"2026-01-01T00:00:50.000Z","end":"2026-01-01T00:01:00.000Z"},"device":"d-2","events":1,"r":20.0,"xs":[1.5,2.0]}'
		);
	});
	it('leaves NULL fields out', () => {
		const c = compileExpr(toJson, SCHEMA);
		if (!c.ok) throw new Error(c.error.message);
		expect(c.value.eval([null, 'd-1', 3, null, null])).toBe('{"device":"d-1","events":3}');
	});
});
