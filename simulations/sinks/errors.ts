/**
 * Sink failures carrying Spark's own text. Spark 4 prints an error condition as
 * `[CONDITION.SUB] <message> <sub-message> SQLSTATE: <state>` (SparkThrowableHelper.getMessage,
 * the texts in common/utils/src/main/resources/error/error-conditions.json); `_LEGACY_ERROR_TEMP_*`
 * conditions print their message alone, without brackets or SQLSTATE.
 */

export class SinkError extends Error {
	constructor(
		message: string,
		readonly condition?: string,
		readonly sqlState?: string
	) {
		super(message);
		this.name = 'SinkError';
	}
}

/** An error with a named condition, formatted as Spark prints it. */
export function conditionError(condition: string, sqlState: string, message: string): SinkError {
	return new SinkError(`[${condition}] ${message} SQLSTATE: ${sqlState}`, condition, sqlState);
}

/** A `_LEGACY_ERROR_TEMP_*` error (or a plain JVM exception): the message only. */
export function legacyError(message: string, condition?: string): SinkError {
	return new SinkError(message, condition);
}
