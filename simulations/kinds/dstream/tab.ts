/**
 * A page's legacy DStream tab (SIM-2 behind the API switch), from what is the page's own: its
 * DStream program, parameters, presets and the lines its Structured side receives. What every tab
 * shares is filled in here: the socket receiver on local[2] (one core receives, one runs the
 * jobs), zeroTime at 10:00 UTC for pprint's banners, no Structured companion (the page's main
 * simulation is the Structured side).
 */
import { clampParams } from '../../core/params';
import type { Clamped, ParamSchema, Params, Preset } from '../../core/params';
import { renderProgram, type SpanRewrite } from '../../core/template';
import type { DStreamScenario } from './question';
import { driverRestartOf } from './restart-params';
import type { SocketLine } from './socket-lines';

export interface DStreamTab {
	readonly slug: string;
	/** The program at default parameters, with its `# <- param` markers. */
	readonly template: string;
	readonly schema: ParamSchema;
	readonly presets: readonly Preset[];
	/** Parameters that add or remove lines. */
	readonly structural?: readonly string[];
	/** Parameters that change the input, not the program. */
	readonly generatorParams?: readonly string[];
	readonly rewrites: (params: Params) => Readonly<Record<string, SpanRewrite>>;
	readonly lines: (params: Params, seed: number) => SocketLine[];
	readonly runMs: number;
	/** The Structured side's own URL keys (and `api`). */
	readonly otherUrlKeys: readonly string[];
	readonly apiNote: string;
	/** The tab injects a driver failure (its schema has restartSchema's parameters). */
	readonly restart?: boolean;
}

export function dstreamTab(tab: DStreamTab): DStreamScenario {
	const constrain = (raw: Readonly<Record<string, unknown>>): Clamped =>
		clampParams(tab.schema, raw);
	const program = (params: Params) =>
		renderProgram(tab.template, tab.rewrites(constrain(params).params));
	return {
		...tab,
		...(tab.restart ? { driverRestart: driverRestartOf(tab.schema, program) } : {}),
		kind: 'dstream',
		simulation: 'SIM-2',
		programId: 'dstream',
		structural: tab.structural ?? [],
		generatorParams: tab.generatorParams ?? [],
		constrain,
		program,
		structuredProgram: null,
		startEpochMs: Date.UTC(2026, 0, 1, 10, 0, 0),
		cost: {
			perRecordMs: 25,
			taskOverheadMs: 10,
			batchOverheadMs: 20,
			executors: 1,
			coresPerExecutor: 2,
			jitter: 0
		}
	};
}
