/**
 * Errors raised while evaluating a row, as Spark raises them at execution time with ANSI mode on
 * (spark.sql.ansi.enabled=true, Spark 4's default): DIVIDE_BY_ZERO, ARITHMETIC_OVERFLOW,
 * CAST_INVALID_INPUT, CAST_OVERFLOW. In Spark the task fails and the streaming query stops with
 * this error; the executor catches ExprRuntimeError around a batch and fails the query the same
 * way.
 */
export class ExprRuntimeError extends Error {
	constructor(
		readonly errorClass: string,
		message: string
	) {
		super(`[${errorClass}] ${message}`);
		this.name = 'ExprRuntimeError';
	}
}

export const divideByZero = (): ExprRuntimeError =>
	new ExprRuntimeError(
		'DIVIDE_BY_ZERO',
		'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.'
	);

export const overflow = (what: 'integer' | 'long', fn: string): ExprRuntimeError =>
	new ExprRuntimeError(
		'ARITHMETIC_OVERFLOW',
		`${what} overflow. Use '${fn}' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`
	);

export const castInvalidInput = (value: string, from: string, to: string): ExprRuntimeError =>
	new ExprRuntimeError(
		'CAST_INVALID_INPUT',
		`The value '${value}' of the type "${from}" cannot be cast to "${to}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`
	);

export const castOverflow = (value: string, from: string, to: string): ExprRuntimeError =>
	new ExprRuntimeError(
		'CAST_OVERFLOW',
		`The value ${value} of the type "${from}" cannot be cast to "${to}" due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead.`
	);
