/**
 * Runs any conformance scenario with the engine of its API and applies the known-differences
 * list: a listed scenario is expected to fail (a documented difference from Spark, with its
 * rule and source); if it passes, that is reported as a failure so the list stays honest.
 * Entries of kind `expectation` are not engine differences: they record a scenario whose
 * expectation was replaced by what real Spark produced (`npm run oracle`), with the original
 * as evidence; such a scenario runs and must pass like any other, while a copy whose steps are
 * still the original (the shared folder's) counts as a known difference.
 */
import { runDStreamScenario } from '../dstream/conformance';
// Arbitrary state in Python is registered, not imported by the engine (python-state-support.ts).
import '../structured/stateful-python/register';
import { runStructuredScenario } from './structured';
import { runAdditionsScenario } from './additions-runner';
import type { Scenario, ScenarioResult } from './types';
import { scenarioProblems } from './validate';

export interface KnownDifference {
	readonly id: string;
	readonly rule: string;
	readonly source: string;
	/** `engine` (the default): the engine is known to differ. `expectation`: the scenario's
	 *  expectation was corrected to real Spark's output; `original` keeps what it said before. */
	readonly kind?: 'engine' | 'expectation';
	readonly original?: unknown;
}

/**
 * FORMAT-ADDITIONS scenarios run on two drivers of the one executor, until they are one: the
 * query session (structured.ts, session.ts, lifecycle.ts) drives sources, triggers and the
 * manual clock (kafka, files, rate inputs; startStream, stopStream, advanceClock,
 * addPartitions); additions-runner.ts drives the checkpoint and state steps (expectFailure,
 * setGlobal, dropLastCommit, clearSink, checkRecorded) over memory and text inputs. A scenario
 * goes to the second when it uses one of its steps; both answer assertBatchIds.
 */
const CHECKPOINT_STEPS = [
	'expectFailure',
	'setGlobal',
	'dropLastCommit',
	'clearSink',
	'checkRecorded'
];

function usesCheckpointSteps(s: Scenario): boolean {
	const steps = (s as { steps?: unknown }).steps;
	return (Array.isArray(steps) ? (steps as object[]) : []).some((st) =>
		Object.keys(st).some((k) => CHECKPOINT_STEPS.includes(k))
	);
}

export function runScenario(s: Scenario): ScenarioResult {
	const problems = scenarioProblems(s);
	if (problems.length > 0) {
		return {
			id: s.id,
			passed: false,
			summary: `cannot run: ${problems[0]}`,
			report: problems.join('\n')
		};
	}
	try {
		if (s.api === 'structured' && usesCheckpointSteps(s)) return runAdditionsScenario(s);
		return s.api === 'structured' ? runStructuredScenario(s) : runDStreamScenario(s);
	} catch (e) {
		const err = e as Error;
		return {
			id: s.id,
			passed: false,
			summary: `crashed: ${err.message}`,
			report: err.stack ?? err.message
		};
	}
}

export function withKnownDifferences(
	r: ScenarioResult,
	known: readonly KnownDifference[],
	steps?: unknown
): ScenarioResult {
	// A scenario still carrying the expectation real Spark contradicts (the shared copy of one
	// the project corrected) is a known difference like an engine one: the engine follows Spark.
	const k = known.find(
		(d) =>
			d.id === r.id &&
			((d.kind ?? 'engine') === 'engine' || (steps !== undefined && sameJson(d.original, steps)))
	);
	if (k === undefined) return r;
	if (r.passed)
		return { id: r.id, passed: false, summary: 'now passes: remove from known differences' };
	return {
		id: r.id,
		passed: true,
		summary: `known difference: ${k.rule} (${k.source})`,
		report: r.report
	};
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A scenario's steps (DStream scenarios have batches instead), for `withKnownDifferences`. */
export const stepsOf = (s: Scenario): unknown => ('steps' in s ? s.steps : undefined);
