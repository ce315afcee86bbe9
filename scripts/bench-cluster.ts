/**
 * The cluster model's simulated-hour figure: one hour at 100,000 events/s (360M events, 3,600
 * batches) simulated on counts. Prints the first run (cold) and the best of five after it.
 * Usage: npx tsx scripts/bench-cluster.ts
 */
import { performance } from 'node:perf_hooks';
import { simulateHour } from '../simulations/cluster/bench';

const timed = () => {
	const t0 = performance.now();
	const run = simulateHour();
	return { ms: performance.now() - t0, run };
};

const cold = timed();
let best = Infinity;
for (let i = 0; i < 5; i++) best = Math.min(best, timed().ms);
const r = cold.run;
const tasks = r.batches.reduce((a, b) => a + b.stages.reduce((s, st) => s + st.tasks, 0), 0);
console.log(
	`cluster model, 1 simulated hour at 100,000 events/s: ${r.batches.length} batches, ${tasks} tasks, ` +
		`${r.produced.toLocaleString('en-US')} events produced, ${r.processed.toLocaleString('en-US')} processed, ` +
		`backlog ${r.backlog}, dropped ${r.dropped}`
);
console.log(`  first run ${cold.ms.toFixed(0)} ms, best of 5 ${best.toFixed(0)} ms`);
