/**
 * The scalar function registry: every function a program can call by name (F.lower, SQL
 * `coalesce(...)`, ...), resolved at compile time with Spark's arity and type errors
 * (WRONG_NUM_ARGS, UNRESOLVED_ROUTINE). Functions Spark makes non-deterministic per row
 * (rand, uuid) are refused: a simulation must replay identically. current_timestamp() is the
 * batch's timestamp in virtual time, as in a streaming query (batch-time.ts).
 */
import { type Result } from '../../core/errors';
import type { Expr, Pos } from './ast';
import { batchTimestampUs } from './batch-time';
import { compiled, errAt, type Compiled } from './context';
import { COLLECTION_FUNCTIONS } from './fn-collections';
import type { FnSpec } from './fn-common';
import { DATETIME_FUNCTIONS } from './fn-datetime';
import { JSON_FUNCTIONS } from './fn-json';
import { VARIANT_FUNCTIONS } from './fn-variant';
import { MATH_ALIASES, MATH_FUNCTIONS } from './fn-math';
import { STRING_ALIASES, STRING_FUNCTIONS } from './fn-strings';

const REGISTRY: Readonly<Record<string, FnSpec>> = {
	...STRING_FUNCTIONS,
	...MATH_FUNCTIONS,
	...COLLECTION_FUNCTIONS,
	...DATETIME_FUNCTIONS,
	...JSON_FUNCTIONS,
	...VARIANT_FUNCTIONS
};

const ALIASES: Readonly<Record<string, string>> = { ...STRING_ALIASES, ...MATH_ALIASES };

const NON_DETERMINISTIC = new Set([
	'rand',
	'randn',
	'uuid',
	'current_date',
	'monotonically_increasing_id',
	'unix_timestamp'
]);

export function knownFunctions(): string[] {
	return [...Object.keys(REGISTRY), ...Object.keys(ALIASES), 'window_time', 'try_cast'].sort();
}

export function lookupFunction(fn: string): FnSpec | undefined {
	return REGISTRY[ALIASES[fn] ?? fn];
}

export function compileCall(
	fn: string,
	args: readonly Compiled[],
	exprs: readonly Expr[],
	name: string,
	at: Pos
): Result<Compiled> {
	if (fn === 'current_timestamp' || fn === 'now') {
		if (args.length > 0)
			return errAt(
				at,
				`[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The \`${fn}\` requires 0 parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`
			);
		// CurrentBatchTimestamp: one value per batch, never null.
		return { ok: true, value: compiled({ kind: 'timestamp' }, name, false, batchTimestampUs) };
	}
	const spec = lookupFunction(fn);
	if (spec === undefined) {
		if (NON_DETERMINISTIC.has(fn)) {
			return errAt(
				at,
				`\`${fn}\` is not supported here: the playground replays simulations deterministically, and ${fn}() would differ on every run.`
			);
		}
		return {
			ok: false,
			error: {
				line: at.line,
				column: at.column,
				message: `[UNRESOLVED_ROUTINE] Cannot resolve routine \`${fn}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`, \`spark_catalog\`.\`default\`].`,
				supported: `Scalar functions supported: ${knownFunctions().join(', ')}.`
			}
		};
	}
	if (args.length < spec.min || args.length > spec.max) {
		const expected =
			spec.min === spec.max
				? `${spec.min}`
				: spec.max === Infinity
					? `> ${spec.min - 1}`
					: `[${spec.min}, ${spec.max}]`;
		return errAt(
			at,
			`[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The \`${fn}\` requires ${expected} parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`
		);
	}
	return spec.compile(args, exprs, name, at);
}
