import { describe, expect, it } from 'vitest';
import {
	parseCalendarInterval,
	parseDataType,
	parseDurationUs
} from '../../../simulations/structured/expr/index';

describe('parseDurationUs', () => {
	it.each<[string, number]>([
		['10 seconds', 10e6],
		['1 second', 1e6],
		['1 minute', 60e6],
		['2 minutes', 120e6],
		['1 hour', 3600e6],
		['1 day', 86400e6],
		['1 week', 7 * 86400e6],
		['500 milliseconds', 500e3],
		['100 microseconds', 100],
		['1 hour 30 minutes', 5400e6],
		['2 hours 30 minutes', 9000e6],
		['-10 seconds', -10e6],
		['interval 5 seconds', 5e6],
		['INTERVAL 5 SECONDS', 5e6],
		['  10   second ', 10e6],
		['1.5 seconds', 1.5e6],
		['0 seconds', 0]
	])('%s', (text, us) => {
		const r = parseDurationUs(text);
		expect(r).toEqual({ ok: true, value: us });
	});
	it('rejects months and years as windows do', () => {
		const r = parseDurationUs('1 month');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toBe('Intervals greater than a month is not supported (1 month).');
		expect(parseDurationUs('2 years').ok).toBe(false);
		expect(parseCalendarInterval('1 year 2 months')).toEqual({
			ok: true,
			value: { months: 14, days: 0, microseconds: 0 }
		});
	});
	const bad = ['', 'ten seconds', '10', '10 lightyears', '1.5 minutes', 'seconds 10'];
	it.each(bad)('rejects %j', (text) => {
		expect(parseDurationUs(text).ok).toBe(false);
	});
});

describe('parseDataType', () => {
	it.each<[string, string]>([
		['long', 'long'],
		['bigint', 'long'],
		['BIGINT', 'long'],
		['int', 'int'],
		['integer', 'int'],
		['double', 'double'],
		['float', 'double'],
		['string', 'string'],
		['timestamp', 'timestamp'],
		['boolean', 'boolean'],
		['decimal(10,2)', 'double']
	])('%s', (text, kind) => {
		expect(parseDataType(text)?.kind).toBe(kind);
	});
	it('arrays and unknown names', () => {
		expect(parseDataType('array<int>')).toEqual({ kind: 'array', element: { kind: 'int' } });
		expect(parseDataType('nonsense')).toBeNull();
	});
});
