/**
 * npx tsx scripts/export-pytest.ts DIR (oracle: `npm run oracle -- --pytest`)
 * Writes every test-bench page's pytest module as its "Export as a pytest file" button does, at
 * the page's defaults and at each preset (defaults, then the preset's parameters, through the
 * question's gate): DIR/test_<slug>__<preset>.py. DIR/pytest-plan.json holds, per file, what the
 * page shows for it: each test function passed or failed, the exception pytest reports and the
 * test's line it failed on. The oracle runs the files under pytest on real PySpark and compares.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParams } from '../simulations/core/params';
import { loadQuestion, SIMULATIONS } from '../simulations/registry';
import { withEngines } from '../simulations/kinds/with-engines';
import type { BenchRun } from '../simulations/kinds/test-bench/frames';

export interface PytestPlan {
	readonly file: string;
	readonly slug: string;
	readonly preset: string;
	/** The page's outcome per test, or the engine's located refusal of the module. */
	readonly tests: readonly {
		readonly name: string;
		readonly passed: boolean;
		/** The exception's type as pytest names it (AssertionError, AnalysisException). */
		readonly exception: string | null;
		/** The test's own line the page marks failed (its failed step's statement). */
		readonly failedLine: number | null;
	}[];
	readonly engineRefuses: string | null;
}

/** The page's verdict per test; one test per module is what the bench's steps can attribute. */
function outcomes(run: BenchRun): PytestPlan['tests'] {
	const failedStep = run.steps.find(
		(s) =>
			(s.kind === 'expect' && !s.passed) || ((s.kind === 'start' || s.kind === 'stop') && s.error)
	);
	return run.tests.map((t) => ({
		name: t.name,
		passed: t.passed,
		exception: t.failure ? (t.failure.split(':')[0] ?? null) : null,
		failedLine: t.passed ? null : (failedStep?.line ?? t.failedLine)
	}));
}

const dir = process.argv[2];
if (!dir) {
	console.error('usage: npx tsx scripts/export-pytest.ts DIR');
	process.exit(2);
}
mkdirSync(dir, { recursive: true });
const plans: PytestPlan[] = [];
for (const slug of Object.keys(SIMULATIONS)) {
	const module = await loadQuestion(slug);
	if (!module) continue;
	for (const { question, kind, engine } of await withEngines(module)) {
		if (kind.id !== 'test-bench' || !engine) continue;
		const presets = [{ id: 'default', params: {} }, ...question.presets];
		for (const preset of presets) {
			const { params } = question.constrain({
				...defaultParams(question.schema),
				...preset.params
			});
			const code = question.program(params);
			// pytest collects test_*.py; the preset keeps each file's own name.
			const file = `test_${slug.replaceAll('-', '_')}__${preset.id.replaceAll('-', '_')}.py`;
			writeFileSync(join(dir, file), code);
			const run = engine.run(question, { code, params, seed: 1, script: null, edits: [] });
			plans.push({
				file,
				slug,
				preset: preset.id,
				tests: run.ok ? outcomes(run.value as BenchRun) : [],
				engineRefuses: run.ok ? null : `line ${run.error.line}: ${run.error.message}`
			});
		}
	}
}
writeFileSync(join(dir, 'pytest-plan.json'), JSON.stringify(plans, null, 1) + '\n');
console.log(`wrote ${plans.length} pytest modules to ${dir}`);
