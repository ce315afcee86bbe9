/**
 * The batch interval of a DStream program: `StreamingContext(sc, n)`. Every page with a DStream
 * program rewrites that call when its batch interval control moves, and the DStream tabs of
 * basic-06 and basic-07 offer the same control; both live here once.
 */
import type { NumberParam } from '../../core/params';
import type { SpanRewrite } from '../../core/template';

const BATCH_CALL = /StreamingContext\(\s*sc\s*,\s*\d+(?:\.\d+)?\s*\)/;

/** The span's `StreamingContext(sc, …)` call with `seconds` as its batch duration. */
export const batchDuration =
	(seconds: number | string): SpanRewrite =>
	(line) =>
		line.replace(BATCH_CALL, `StreamingContext(sc, ${seconds})`);

/** The `triggerInterval` control of a DStream tab: 1 to 10 s in whole seconds, 2 s at first. */
export const batchIntervalParam = (help: string): NumberParam => ({
	id: 'triggerInterval',
	label: 'batch interval',
	kind: 'number',
	unit: 's',
	min: 1,
	max: 10,
	step: 1,
	default: 2,
	help
});
