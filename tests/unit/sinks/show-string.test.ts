/**
 * df.show() / console sink formatting, against tables written by hand from Dataset.showString's
 * rules: min width 3, width = widest cell in half-widths, right-aligned when truncating,
 * cells over 20 characters cut to 17 + "...", NULL for null, footer only when rows were left out.
 */
import { describe, expect, it } from 'vitest';
import {
	ConsoleSink,
	consoleBatchText,
	parseConsoleOptions,
	showString,
	stringHalfWidth,
	type SinkField
} from '../../../simulations/sinks';

const WORDS: SinkField[] = [
	{ name: 'word', type: { kind: 'string' } },
	{ name: 'count', type: { kind: 'long' } }
];

describe('showString', () => {
	it('right-aligns, truncates a 31-character cell to 17 + "...", prints NULL', () => {
		const rows = [
			['spark', 3],
			['a-very-long-word-for-truncation', 1],
			[null, 0]
		];
		expect(showString(WORDS, rows)).toBe(
			[
				'+--------------------+-----+',
				'|                word|count|',
				'+--------------------+-----+',
				'|               spark|    3|',
				'|a-very-long-word-...|    1|',
				'|                NULL|    0|',
				'+--------------------+-----+',
				''
			].join('\n')
		);
	});

	it('says how many rows it showed only when some were left out', () => {
		const rows = [
			['a', 1],
			['b', 2],
			['c', 3]
		];
		expect(showString(WORDS, rows, 2)).toBe(
			[
				'+----+-----+',
				'|word|count|',
				'+----+-----+',
				'|   a|    1|',
				'|   b|    2|',
				'+----+-----+',
				'only showing top 2 rows',
				''
			].join('\n')
		);
		expect(showString(WORDS, rows, 1).endsWith('only showing top 1 row\n')).toBe(true);
		expect(showString(WORDS, rows, 3)).not.toContain('only showing');
	});

	it('an empty batch is the header between separators; columns are at least 3 wide', () => {
		expect(showString([{ name: 'n', type: { kind: 'long' } }], [])).toBe(
			'+---+\n|  n|\n+---+\n+---+\n'
		);
	});

	it('truncate = 0 left-aligns and keeps long cells whole', () => {
		expect(showString(WORDS, [['a-very-long-word-for-truncation', 1]], 20, 0)).toBe(
			[
				'+-------------------------------+-----+',
				'|word                           |count|',
				'+-------------------------------+-----+',
				'|a-very-long-word-for-truncation|1    |',
				'+-------------------------------+-----+',
				''
			].join('\n')
		);
	});

	it('ToPrettyString: binary as hex, structs in braces, doubles as Java prints them, escapes', () => {
		const schema: SinkField[] = [
			{ name: 'value', type: { kind: 'binary' } },
			{
				name: 'window',
				type: {
					kind: 'struct',
					fields: [
						{ name: 'start', type: { kind: 'timestamp' } },
						{ name: 'end', type: { kind: 'timestamp' } }
					]
				}
			},
			{ name: 'avg', type: { kind: 'double' } },
			{ name: 's', type: { kind: 'string' } }
		];
		// {1970-01-01 00:00:00, 1970-01-01 00:00:05} is 42 characters: its first 17, "{1970-01-01 00:00", + "...".
		const out = showString(schema, [['hi', { start: 0, end: 5_000_000 }, 2, 'a\tb']]);
		expect(out.split('\n')[3]).toBe('|[68 69]|{1970-01-01 00:00...|2.0|a\\tb|');
		expect(
			showString(schema, [['hi', { start: 0, end: null }, null, null]], 20, 0).split('\n')[3]
		).toBe('|[68 69]|{1970-01-01 00:00:00, NULL}|NULL|NULL|');
	});

	it('counts a full-width character as two half-widths', () => {
		expect(stringHalfWidth('日本')).toBe(4);
		expect(showString([{ name: 'w', type: { kind: 'string' } }], [['日本']])).toBe(
			'+----+\n|   w|\n+----+\n|日本|\n+----+\n'
		);
	});
});

describe('console sink', () => {
	it('prints the batch banner, then show() and the blank line println adds', () => {
		const text = consoleBatchText(3, WORDS, [['spark', 2]], { numRows: 20, truncate: true });
		expect(text).toBe(
			[
				'-------------------------------------------',
				'Batch: 3',
				'-------------------------------------------',
				'+-----+-----+',
				'| word|count|',
				'+-----+-----+',
				'|spark|    2|',
				'+-----+-----+',
				'',
				''
			].join('\n')
		);
	});

	it('numRows and truncate options, with Java parsing errors', () => {
		expect(parseConsoleOptions({ numRows: '5', TRUNCATE: 'False' })).toEqual({
			ok: true,
			value: { numRows: 5, truncate: false }
		});
		const bad = parseConsoleOptions({ numRows: 'ten' });
		expect(bad.ok ? '' : bad.error.message).toBe('For input string: "ten"');
		const badBool = parseConsoleOptions({ truncate: 'yes' });
		expect(badBool.ok ? '' : badBool.error.message).toBe('yes is not a boolean string.');
	});

	it('only the rows show() prints are delivered', () => {
		const sink = new ConsoleSink(WORDS, { numRows: 1, truncate: true });
		const o = sink.addBatch({
			batchId: 0,
			rows: [
				['a', 1],
				['b', 2]
			],
			outputMode: 'append'
		});
		expect(o.delivered).toEqual([0]);
		expect(sink.text()).toContain('only showing top 1 row\n');
	});
});
