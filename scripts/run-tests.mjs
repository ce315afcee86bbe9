// `npm test`: the suite's steps in order, stopping at the first that fails (as `a && b` did),
// with each step's wall time printed at the end, so a slow suite says where its time went.
import { spawnSync } from 'node:child_process';

const STEPS = ['check', 'test:unit', 'test:pyspark', 'build', 'test:e2e'];
const times = [];
let failed = null;
for (const step of STEPS) {
	const start = performance.now();
	const { status } = spawnSync('npm', ['run', step], { stdio: 'inherit' });
	times.push([step, (performance.now() - start) / 1000]);
	if (status !== 0) {
		failed = step;
		break;
	}
}
const total = times.reduce((sum, [, s]) => sum + s, 0);
console.error('\nnpm test: seconds per step');
for (const [step, s] of times) console.error(`  ${s.toFixed(1).padStart(7)}  ${step}`);
console.error(
	`  ${total.toFixed(1).padStart(7)}  total${failed ? ` (stopped: ${failed} failed)` : ''}`
);
process.exit(failed ? 1 : 0);
