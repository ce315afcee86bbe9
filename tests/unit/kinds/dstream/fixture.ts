/** A fixed run of the basic-03 DStream program on hand-written socket lines, shared by tests. */
import { runDStreamProgram } from '../../../../simulations/kinds/dstream/run';
import { basic03DStreams as scenario } from '../../../../simulations/questions/basic-03-dstreams/question';
import { linesBetween, type SocketLine } from '../../../../simulations/kinds/dstream/socket-lines';
import { defaultParams, type Params } from '../../../../simulations/core/params';

/** Three lines in the first batch interval, one in the second, two in the third, none after. */
export const LINES: readonly SocketLine[] = [
	{ atMs: 100, line: 'spark rdd' },
	{ atMs: 900, line: 'spark' },
	{ atMs: 1500, line: 'rdd rdd' },
	{ atMs: 2300, line: 'spark' },
	{ atMs: 4100, line: 'batch' },
	{ atMs: 5900, line: 'spark batch' }
];

export const defaults = (): Params => scenario.constrain(defaultParams(scenario.schema)).params;

export function runFixture(
	params: Params = defaults(),
	lines: readonly SocketLine[] = LINES,
	durationMs = 12_000
) {
	return runDStreamProgram(scenario.program(params), {
		durationMs,
		startEpochMs: scenario.startEpochMs,
		sources: [{ arrivals: (from, to) => linesBetween(lines, from, to) }],
		cost: scenario.cost,
		seed: 1
	});
}
