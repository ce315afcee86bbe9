/**
 * The cluster model's simulated-hour figure: one hour at 100,000 events/s (360M events, 3,600
 * batches) simulated on counts. Prints the first run (cold) and the best of five after it.
 * Usage: npx tsx scripts/bench-cluster.ts
 */
import { performance } from 'node:perf_hooks';
import { simulateHour } from '../simulations/cluster/bench';
import { defaultParams } from '../simulations/core/params';
import { clusterEngine } from '../simulations/kinds/cluster/engine';
import { advanced05 } from '../simulations/questions/advanced-05-latency-throughput/question';

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

// advanced-05's sweeps: the page's run plus one run per swept value, each as the engine worker
// computes it (the program read, the query run, every point's run on counts).
const sweepPresets = advanced05.presets.map((p) => {
	const params = advanced05.constrain({ ...defaultParams(advanced05.schema), ...p.params }).params;
	const request = { code: advanced05.program(params), params, seed: 1, script: null, edits: [] };
	const once = () => {
		const t0 = performance.now();
		const out = clusterEngine.run(advanced05, request);
		return {
			ms: performance.now() - t0,
			points: out.ok ? (out.value.sweep?.points.length ?? 0) : 0
		};
	};
	const first = once();
	let fastest = Infinity;
	for (let i = 0; i < 3; i++) fastest = Math.min(fastest, once().ms);
	return `${p.id}: ${first.points} points, first ${first.ms.toFixed(0)} ms, best of 3 ${fastest.toFixed(0)} ms`;
});
console.log(
	`advanced-05 sweep (page run + one 180 s run per value):\n  ${sweepPresets.join('\n  ')}`
);
