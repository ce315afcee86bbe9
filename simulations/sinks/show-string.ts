/**
 * `Dataset.showString(numRows, truncate)`, what `df.show()` and the console sink print
 * (sql/core/.../classic/Dataset.scala `getRows` and `showString`, Spark 4.1):
 * - every cell goes through ToPrettyString: null → `NULL` (also inside arrays and structs),
 *   binary → its bytes as upper-case hex `[68 69]`, structs in braces `{a, b}`, arrays in
 *   brackets, doubles and timestamps as CAST(… AS STRING);
 * - SchemaUtils.escapeMetaCharacters turns \n \r \t \f \b \v \a into their escapes;
 * - truncate > 0: a data cell (never a column name) longer than `truncate` becomes its first `truncate - 3` characters and
 *   `...` (the first `truncate` characters when truncate < 4), and cells are right-aligned;
 *   truncate = 0: nothing is cut and cells are left-aligned;
 * - a column is at least 3 wide, and as wide as its widest cell counted in half-widths
 *   (Utils.stringHalfWidth: a full-width East Asian character counts 2);
 * - `+---+` separators above the header, under it and after the rows; one more row than
 *   `numRows` is fetched so the footer `only showing top N rows` (`row` for 1) appears only
 *   when rows were left out.
 */
import { formatInterval, formatTimestamp, javaDouble } from '../structured/expr/format';
import type { Value } from '../structured/expr/ast';
import type { SinkField, SinkRow, SinkType } from './contract';

/** UTF-8 bytes of a string (the engine keeps binary values as their UTF-8 text). */
export function utf8Bytes(s: string): number[] {
	const out: number[] = [];
	for (const ch of s) {
		const c = ch.codePointAt(0) ?? 0;
		if (c < 0x80) out.push(c);
		else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
		else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
		else
			out.push(
				0xf0 | (c >> 18),
				0x80 | ((c >> 12) & 0x3f),
				0x80 | ((c >> 6) & 0x3f),
				0x80 | (c & 0x3f)
			);
	}
	return out;
}

/** ToPrettyString of one value. */
export function prettyString(v: Value, t: SinkType): string {
	if (v === null) return 'NULL';
	switch (t.kind) {
		case 'binary':
			return `[${utf8Bytes(String(v))
				.map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
				.join(' ')}]`;
		case 'double':
			return javaDouble(v as number);
		case 'timestamp':
			return formatTimestamp(v as number);
		case 'interval':
			return formatInterval(v as number);
		case 'array':
			return `[${(v as readonly Value[]).map((x) => prettyString(x, t.element)).join(', ')}]`;
		case 'struct': {
			const o = v as { readonly [f: string]: Value };
			return `{${t.fields.map((f) => prettyString(o[f.name] ?? null, f.type)).join(', ')}}`;
		}
		default:
			return String(v);
	}
}

const META: readonly (readonly [string, string])[] = [
	['\n', '\\n'],
	['\r', '\\r'],
	['\t', '\\t'],
	['\f', '\\f'],
	['\b', '\\b'],
	['\u000B', '\\v'],
	['\u0007', '\\a']
];

/** SchemaUtils.escapeMetaCharacters. */
export function escapeMetaCharacters(s: string): string {
	let out = s;
	for (const [from, to] of META) out = out.split(from).join(to);
	return out;
}

/** Utils.fullWidthRegex: the full-width ranges Spark counts as two half-widths. */
const FULL_WIDTH =
	/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/** Utils.stringHalfWidth: UTF-16 length plus one per full-width character. */
export function stringHalfWidth(s: string): number {
	return s.length + (s.match(FULL_WIDTH)?.length ?? 0);
}

function cut(s: string, truncate: number): string {
	if (truncate <= 0 || s.length <= truncate) return s;
	return truncate < 4 ? s.slice(0, truncate) : `${s.slice(0, truncate - 3)}...`;
}

/** Dataset.showString(numRows, truncate) (vertical = false); ends with a newline. */
export function showString(
	schema: readonly SinkField[],
	rows: readonly SinkRow[],
	numRows = 20,
	truncate = 20
): string {
	const n = Math.max(0, Math.floor(numRows));
	const taken = rows.slice(0, n + 1);
	const hasMoreData = taken.length > n;
	const cells: string[][] = [
		// Column names are escaped but never truncated (getRows truncates data cells only).
		schema.map((f) => escapeMetaCharacters(f.name)),
		...taken
			.slice(0, n)
			.map((r) =>
				schema.map((f, i) =>
					cut(escapeMetaCharacters(prettyString(r[i] ?? null, f.type)), truncate)
				)
			)
	];
	const widths = schema.map((_, i) =>
		Math.max(3, ...cells.map((row) => stringHalfWidth(row[i] ?? '')))
	);
	const pad = (cell: string, i: number): string => {
		const w = (widths[i] ?? 3) - stringHalfWidth(cell) + cell.length;
		return truncate > 0 ? cell.padStart(w) : cell.padEnd(w);
	};
	const sep = `+${widths.map((w) => '-'.repeat(w)).join('+')}+\n`;
	const line = (row: readonly string[]): string => `|${row.map(pad).join('|')}|\n`;
	let out = sep + line(cells[0] ?? []) + sep;
	for (const row of cells.slice(1)) out += line(row);
	out += sep;
	if (hasMoreData) out += `only showing top ${n} ${n === 1 ? 'row' : 'rows'}\n`;
	return out;
}
