/**
 * The batch interval of a DStream program: `StreamingContext(sc, n)`. Every page with a DStream
 * program rewrites that call when its batch interval control moves.
 */
import type { SpanRewrite } from '../../core/template';

const BATCH_CALL = /StreamingContext\(\s*sc\s*,\s*\d+(?:\.\d+)?\s*\)/;

/** The span's `StreamingContext(sc, …)` call with `seconds` as its batch duration. */
export const batchDuration =
	(seconds: number | string): SpanRewrite =>
	(line) =>
		line.replace(BATCH_CALL, `StreamingContext(sc, ${seconds})`);
