/** The DStream kind's engine (kind.ts loads it lazily): the page's DStream program over its
 *  socket lines, and the Structured Streaming companion over the same lines (basic-03). */
import type { CompanionEngine, KindEngine } from '../kind';
import type { DsRun } from './frames';
import type { DStreamScenario } from './question';
import { runDStreamProgram } from './run';
import { linesBetween } from './socket-lines';
import { runStructuredOverSocket, type SsRun } from './structured-socket';

export const dstreamEngine: KindEngine<DStreamScenario, DsRun> = {
	run(question, { code, params, seed }) {
		const lines = question.lines(params, seed);
		const restart = question.driverRestart?.(params, code);
		return runDStreamProgram(code, {
			durationMs: question.runMs,
			startEpochMs: question.startEpochMs,
			sources: [{ arrivals: (from, to) => linesBetween(lines, from, to) }],
			cost: question.cost,
			seed,
			...(restart ? { restart } : {})
		});
	}
};

/** The question's Structured Streaming program run over the same socket lines. */
export function structuredOverSocket(question: DStreamScenario): CompanionEngine<SsRun> {
	return {
		run: (_q, { code, params, seed }) =>
			runStructuredOverSocket(code, {
				lines: question.lines(params, seed),
				durationMs: question.runMs,
				startEpochMs: question.startEpochMs
			})
	};
}
