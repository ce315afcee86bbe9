// What the conformance-preset tests share: a scenario read from tests/conformance/spark, and the
// micro-batches its steps make under StreamTest (each check step processes all input added since).
import { readdirSync, readFileSync } from 'node:fs';
import type { StructuredScenario, StructuredStep } from '../../../simulations/conformance/types';
import type { ReplayBatch } from '../../../simulations/kinds/event-time/spark-replay';

const DIR = new URL('../../conformance/spark/', import.meta.url);

/** The one conformance scenario whose `origin` contains `origin` (a preset's `reproduces.origin`:
 *  suite file and test name); throws unless exactly one matches. */
export function loadScenario(origin: string): StructuredScenario {
	const all = readdirSync(DIR)
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as StructuredScenario);
	const hits = all.filter((s) => s.origin.includes(origin));
	if (hits.length !== 1)
		throw new Error(`${hits.length} scenarios have an origin containing ${origin}`);
	return hits[0] as StructuredScenario;
}

/** Steps that make StreamTest process all available input. */
const PROCESSES = [
	'checkNewAnswer',
	'checkAnswer',
	'checkLastBatch',
	'processAllAvailable',
	'assertWatermark'
];
export const processes = (step: StructuredStep) => PROCESSES.some((k) => k in step);

/** The micro-batches a scenario's steps make: consecutive addData up to a processing step. */
export function batchesOf(steps: readonly StructuredStep[]): ReplayBatch[] {
	const out: ReplayBatch[] = [];
	let pending: Record<string, unknown[][]> = {};
	for (const step of steps) {
		if ('addData' in step) {
			for (const [input, rows] of Object.entries(step.addData)) {
				(pending[input] ??= []).push(...rows.map((r) => [...r]));
			}
		} else if (processes(step) && Object.keys(pending).length > 0) {
			out.push(pending);
			pending = {};
		}
	}
	if (Object.keys(pending).length > 0) out.push(pending);
	return out;
}

/** Rows as a multiset: order-free, compared whole. */
export const canonical = (rows: readonly (readonly unknown[])[]) =>
	rows.map((r) => JSON.stringify(r)).sort();
