/**
 * What a DStream page's simulation (SIM-2) needs from its scenario: the parameters and presets,
 * the program they rewrite (marked `# <- paramId` lines), the simulated socket lines the program's
 * `socketTextStream` reads, and the cluster it runs on. One shape for basic-03 (its main program)
 * and basic-02's legacy DStream tab.
 */
import type { CostModel } from '../../dstream/cost';
import type { DriverFailure } from '../../dstream/recovery';
import type { SpanRewrite } from '../../core/template';
import type { Clamped, ParamSchema, Params, Preset } from '../../core/params';
import type { SocketLine } from './socket-lines';
import type { SimQuestion } from '../kind';

export interface DStreamScenario extends SimQuestion {
	readonly kind: 'dstream';
	readonly slug: string;
	readonly simulation: 'SIM-2';
	/** The page's program tab this scenario runs (`main`, or `dstream` beside a Structured main). */
	readonly programId: string;
	readonly schema: ParamSchema;
	readonly presets: readonly Preset[];
	/** The program at default parameters, with its markers. */
	readonly template: string;
	/** Parameters that add or remove lines: they re-render from the template (BoundProgram). */
	readonly structural: readonly string[];
	/** Clamps into range; a rule Spark enforces at start is kept and explained in a notice. */
	constrain(raw: Readonly<Record<string, unknown>>): Clamped;
	rewrites(params: Params): Readonly<Record<string, SpanRewrite>>;
	program(params: Params): string;
	/** The lines that reach the socket over the run. */
	lines(params: Params, seed: number): SocketLine[];
	/** The page's Structured Streaming version, run beside it (null: the page shows it elsewhere). */
	readonly structuredProgram: (() => string) | null;
	readonly runMs: number;
	/** zeroTime as a wall-clock instant, for pprint's `Time: ...` banners. */
	readonly startEpochMs: number;
	readonly cost: CostModel;
	/** URL keys the page's other controls own (an API switch, the other API's parameters). */
	readonly otherUrlKeys: readonly string[];
	/** A driver failure and restart the parameters inject, and the program the first driver
	 *  ran (the shown one, or an earlier version when the code was changed for the restart). */
	readonly driverRestart?: (
		params: Params,
		code: string
	) => { readonly failure: DriverFailure; readonly firstCode: string } | null;
}
