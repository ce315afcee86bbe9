/**
 * The parameters a cluster program says: the run carries the settings the reader found
 * (settings.ts), and the question maps them onto its controls, so editing
 * `.option("maxOffsetsPerTrigger", 8000)` or `StreamingContext(sc, 3)` moves the control.
 */
import type { Params } from '../../core/params';
import type { ClusterSimRun } from './frames';
import type { ClusterScenario } from './question';

export function clusterParamsOf(
	question: ClusterScenario,
	run: ClusterSimRun,
	params: Params
): Params {
	const next = question.paramsFromSettings(run.settings, params);
	// Only values the gate accepts unchanged move a control (an out-of-range edit leaves it).
	const gated = question.constrain(next).params;
	const out: Record<string, Params[string]> = { ...params };
	for (const k of Object.keys(next)) if (gated[k] === next[k]) out[k] = next[k] as Params[string];
	const changed = Object.keys(out).some((k) => out[k] !== params[k]);
	return changed ? out : params;
}
