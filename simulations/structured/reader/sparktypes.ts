/**
 * `pyspark.sql.types` and DDL schema strings ("a INT, b STRING", "struct<start:timestamp>").
 * Spark's type names map onto the engine's types: byte/short/int → int, bigint/long → long,
 * float/double/decimal → double (the engine keeps no decimal precision), binary → string
 * (Kafka's key/value are shown decoded). Source: DataTypeParser / StructType.fromDDL.
 */
import type { DataType, Pos, StructField } from '../expr/ast';
import { arg, boolOf, need, strOf, type Args } from './args';
import { fail } from './errors';
import { describe, type PyValue } from './values';

const SIMPLE: Readonly<Record<string, DataType>> = {
	byte: { kind: 'int' },
	tinyint: { kind: 'int' },
	short: { kind: 'int' },
	smallint: { kind: 'int' },
	int: { kind: 'int' },
	integer: { kind: 'int' },
	long: { kind: 'long' },
	bigint: { kind: 'long' },
	float: { kind: 'double' },
	real: { kind: 'double' },
	double: { kind: 'double' },
	decimal: { kind: 'double' },
	dec: { kind: 'double' },
	numeric: { kind: 'double' },
	string: { kind: 'string' },
	varchar: { kind: 'string' },
	char: { kind: 'string' },
	binary: { kind: 'string' },
	boolean: { kind: 'boolean' },
	bool: { kind: 'boolean' },
	timestamp: { kind: 'timestamp' },
	timestamp_ltz: { kind: 'timestamp' },
	timestamp_ntz: { kind: 'timestamp' },
	date: { kind: 'timestamp' },
	variant: { kind: 'variant' }
};

const CLASSES: Readonly<Record<string, DataType>> = {
	ByteType: { kind: 'int' },
	ShortType: { kind: 'int' },
	IntegerType: { kind: 'int' },
	LongType: { kind: 'long' },
	FloatType: { kind: 'double' },
	DoubleType: { kind: 'double' },
	DecimalType: { kind: 'double' },
	StringType: { kind: 'string' },
	VarcharType: { kind: 'string' },
	CharType: { kind: 'string' },
	BinaryType: { kind: 'string' },
	BooleanType: { kind: 'boolean' },
	TimestampType: { kind: 'timestamp' },
	VariantType: { kind: 'variant' },
	TimestampNTZType: { kind: 'timestamp' },
	DateType: { kind: 'timestamp' },
	NullType: { kind: 'null' }
};

export const TYPE_NAMES: readonly string[] = [
	...Object.keys(CLASSES),
	'ArrayType',
	'StructType',
	'StructField'
];

/** A type by DDL name: `bigint`, `array<int>`, `struct<a:int,b:string>`, `decimal(10,2)`. */
export function parseTypeText(text: string): DataType | null {
	const p = new DdlParser(text);
	const t = p.type();
	return t && p.done() ? t : null;
}

/** A DDL schema: "a INT, b STRING" (also "a: int" and a top-level "struct<...>"). */
export function parseDdlSchema(text: string): StructField[] | null {
	const trimmed = text.trim();
	const whole = parseTypeText(trimmed);
	if (whole?.kind === 'struct') return [...whole.fields];
	const p = new DdlParser(trimmed);
	const fields = p.fields(null);
	return fields && p.done() ? fields : null;
}

class DdlParser {
	private i = 0;
	constructor(private readonly s: string) {}
	private ws(): void {
		while (/\s/.test(this.s[this.i] ?? '')) this.i++;
	}
	done(): boolean {
		this.ws();
		return this.i >= this.s.length;
	}
	private eat(c: string): boolean {
		this.ws();
		if (this.s[this.i] === c) {
			this.i++;
			return true;
		}
		return false;
	}
	private ident(): string | null {
		this.ws();
		if (this.s[this.i] === '`') {
			const end = this.s.indexOf('`', this.i + 1);
			if (end < 0) return null;
			const id = this.s.slice(this.i + 1, end);
			this.i = end + 1;
			return id;
		}
		const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
		if (!m) return null;
		this.i += m[0].length;
		return m[0];
	}
	fields(close: string | null): StructField[] | null {
		const out: StructField[] = [];
		for (;;) {
			if (close !== null && this.eat(close)) return out;
			const name = this.ident();
			if (!name) return null;
			this.eat(':');
			const type = this.type();
			if (!type) return null;
			this.ws();
			if (/^not\s+null/i.test(this.s.slice(this.i)))
				this.i += /^not\s+null/i.exec(this.s.slice(this.i))?.[0].length ?? 0;
			const comment = /^\s*comment\s+'[^']*'/i.exec(this.s.slice(this.i));
			if (comment) this.i += comment[0].length;
			out.push({ name, type });
			if (this.eat(',')) continue;
			if (close === null) return out;
			return this.eat(close) ? out : null;
		}
	}
	type(): DataType | null {
		const name = this.ident()?.toLowerCase();
		if (!name) return null;
		if (name === 'array') {
			if (!this.eat('<')) return null;
			const element = this.type();
			return element && this.eat('>') ? { kind: 'array', element } : null;
		}
		if (name === 'struct') {
			if (!this.eat('<')) return null;
			const fields = this.fields('>');
			return fields ? { kind: 'struct', fields } : null;
		}
		const t = SIMPLE[name];
		if (!t) return null;
		if (this.eat('(')) {
			while (this.i < this.s.length && this.s[this.i] !== ')') this.i++;
			if (!this.eat(')')) return null;
		}
		return t;
	}
}

/** Calls into `pyspark.sql.types`: `LongType()`, `StructType([...])`, `StructField(n, t)`. */
export function callType(name: string, a: Args): PyValue {
	const simple = CLASSES[name];
	if (simple) return { t: 'dtype', type: simple };
	if (name === 'ArrayType')
		return {
			t: 'dtype',
			type: { kind: 'array', element: typeOf(need(a, 0, 'elementType').v, a.at) }
		};
	if (name === 'StructField') {
		const nullable = arg(a, 2, 'nullable');
		if (nullable) boolOf(nullable, 'nullable');
		return {
			t: 'field',
			field: {
				name: strOf(need(a, 0, 'name'), 'name'),
				type: typeOf(need(a, 1, 'dataType').v, a.at)
			}
		};
	}
	if (name === 'StructType') {
		const list = arg(a, 0, 'fields');
		const fields: StructField[] = [];
		if (list && list.v.t === 'list')
			for (const f of list.v.items)
				fields.push(
					f.t === 'field'
						? f.field
						: fail(list.at, `StructType expects StructField items, got ${describe(f)}`)
				);
		else if (list && list.v.t !== 'none') fail(list.at, 'StructType expects a list of StructField');
		return { t: 'dtype', type: { kind: 'struct', fields } };
	}
	return fail(
		a.at,
		`\`${name}\` from pyspark.sql.types is not supported by the playground engine`,
		`Supported types: ${TYPE_NAMES.join(', ')}.`
	);
}

/** A type given as a DataType object or a DDL name (`cast("long")`, `cast(LongType())`). */
export function typeOf(v: PyValue, at: Pos): DataType {
	if (v.t === 'dtype') return v.type;
	if (v.t === 'str')
		return (
			parseTypeText(v.v) ??
			fail(
				at,
				`[PARSE_SYNTAX_ERROR] unknown data type '${v.v}'`,
				`Supported types: ${Object.keys(SIMPLE).join(', ')}, array<...>, struct<...>.`
			)
		);
	return fail(at, `expected a DataType or a type name, got ${describe(v)}`);
}

/** `.schema(...)`: a StructType or a DDL string. */
export function schemaOf(v: PyValue, at: Pos): StructField[] {
	if (v.t === 'dtype' && v.type.kind === 'struct') return [...v.type.fields];
	if (v.t === 'str')
		return (
			parseDdlSchema(v.v) ??
			fail(
				at,
				`[PARSE_SYNTAX_ERROR] cannot parse the schema "${v.v}"`,
				'Write a DDL schema such as "a INT, b STRING, t TIMESTAMP", or a StructType([StructField(...)]).'
			)
		);
	return fail(at, `expected a StructType or a DDL string, got ${describe(v)}`);
}

/** The DDL spelling of a type: `bigint`, `array<int>`, `struct<a:int,b:string>`. */
export function ddlTypeName(t: DataType): string {
	switch (t.kind) {
		case 'long':
			return 'bigint';
		case 'array':
			return `array<${ddlTypeName(t.element)}>`;
		case 'struct':
			return `struct<${t.fields.map((f) => `${f.name}:${ddlTypeName(f.type)}`).join(',')}>`;
		default:
			return t.kind;
	}
}
