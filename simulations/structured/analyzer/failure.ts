/**
 * Analysis failures: Spark's AnalysisException text, located at the program construct the
 * failing plan node (or expression) came from. Thrown inside the analyzer's recursion and
 * turned into a value at its entry points (`analyze`, and the reader's top level).
 */
import type { Pos } from '../expr/ast';

export class AnalysisFailure extends Error {
	constructor(
		readonly at: Pos,
		message: string,
		readonly errorClass?: string,
		readonly supported?: string,
		/** Spark raises this one when it plans or runs the first micro-batch, not at start(). */
		readonly firstBatch?: boolean
	) {
		super(message);
	}
}

export const reject = (
	at: Pos,
	message: string,
	errorClass?: string,
	supported?: string
): never => {
	throw new AnalysisFailure(at, message, errorClass, supported);
};

/** A rejection Spark makes only when planning the first batch (IncrementalExecution,
 *  WatermarkPropagator, the streaming join/aggregation strategies). */
export const rejectAtFirstBatch = (at: Pos, message: string): never => {
	throw new AnalysisFailure(at, message, undefined, undefined, true);
};
