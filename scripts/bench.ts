/**
 * `npm run bench`: the engine against a tight hand-written loop, and the page's path.
 *
 * 1. Windowed count, the real engine (PySpark text → reader → analyzer → micro-batch executor)
 *    beside a tight loop doing the same work in one pass per row (no per-batch partial maps, no
 *    engine-shaped structures): 1,000,000 events, 100 keys, 10-second tumbling windows, a
 *    5-second watermark delay, event times i/1000 s minus up to 8 s of seeded disorder, 10,000
 *    rows a batch, update mode (or append with `--mode append`). Both must emit the same number
 *    of rows. Runs alternate engine/loop (the order swapping each pair) and the printed `ratio`
 *    is the median over pairs of loop time / engine time: engine speed as a fraction of the
 *    loop's, robust to a shared machine. Goal: ratio >= 0.5.
 * 2. One simulated hour at 10,000 events/s (36M events) end to end through the engine, the
 *    input generated batch by batch outside the timing, heap before and after. Goal: < 4 s,
 *    memory flat.
 * 3. The page's path from program to trace: an hour of input at the largest rate an event-time
 *    page allows (advanced-07, 200 events/s: 720,000 events) through runEventTimeProgram (read,
 *    analyze, schedule, run, build the views' run). Goal: < 1 s. Also 16k and 32k events.
 * Usage: npm run bench [-- --mode append|update] [--pairs 7] [--skip-hour]
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../simulations/core/rng';
import { runEventTimeProgram } from '../simulations/kinds/event-time/run';
import { EVENT_TIME_SCENARIOS } from '../simulations/kinds/event-time/questions';
import type { EventTimeInput, SimEvent } from '../simulations/kinds/event-time/question';
import { defaultParams } from '../simulations/core/params';
import type { Value } from '../simulations/structured/expr/ast';
import { MemoryStreams, MicroBatchExecution, prepareQuery } from '../simulations/structured/index';

const args = process.argv.slice(2);
const mode = args.includes('append') ? 'append' : 'update';
const flag = (name: string, d: number) => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : d;
};
const PAIRS = flag('--pairs', 7);
const EVENTS = 1_000_000;
const KEYS = 100;
const BATCH = 10_000;
const WINDOW_US = 10_000_000;
const DELAY_MS = 5_000;

const program = `from pyspark.sql import functions as F

counts = (
    events.withWatermark("eventTime", "5 seconds")
    .groupBy(F.window("eventTime", "10 seconds"), "key")
    .count()
)

query = counts.writeStream.outputMode("${mode}").format("memory").queryName("bench").start()
`;

function makeBatch(
	rng: ReturnType<typeof createRng>,
	from: number,
	n: number,
	keys: readonly string[]
) {
	const rows: Value[][] = new Array(n);
	for (let j = 0; j < n; j++) {
		const i = from + j;
		const t = Math.round((i / 1000 - rng.uniform(0, 8)) * 1e6);
		rows[j] = [t, keys[rng.int(KEYS)] as string];
	}
	return rows;
}

const keys = Array.from({ length: KEYS }, (_, k) => `k${k}`);
const rng = createRng(42);
const batches: Value[][][] = [];
for (let i = 0; i < EVENTS; i += BATCH) batches.push(makeBatch(rng, i, BATCH, keys));

const prepared = prepareQuery(program, {
	events: [
		{ name: 'eventTime', type: { kind: 'timestamp' } },
		{ name: 'key', type: { kind: 'string' } }
	]
});
if (!prepared.ok) {
	console.error('bench program failed to analyze:', prepared.error);
	process.exit(1);
}
const query = prepared.value;

interface Timed {
	readonly events: number;
	readonly ms: number;
	readonly out: number;
}

function runEngine(source: Iterable<Value[][]>): Timed {
	const streams = new MemoryStreams();
	let clock = 0;
	const exec = new MicroBatchExecution(query, streams, { clock: () => (clock += 1000) });
	let out = 0;
	let events = 0;
	let ms = 0;
	for (const rows of source) {
		const t0 = performance.now();
		streams.addData('events', rows);
		events += rows.length;
		for (const b of exec.processAllAvailable()) out += b.output.length;
		ms += performance.now() - t0;
	}
	return { events, ms, out };
}

/** The same count in one pass per row: a window start and key find one counter; a counter
 *  touched for the first time this batch is an update row (update mode); windows whose end
 *  the watermark passed are evicted (append mode emits them); the watermark moves after each
 *  batch and a batch without data runs when it moved, as the engine's no-data batch does. */
function runLoop(source: Iterable<Value[][]>): Timed {
	type Counter = { n: number; batch: number };
	const state = new Map<number, Map<string, Counter>>();
	let wm = 0;
	let prevWm = 0;
	let batch = 0;
	let out = 0;
	let events = 0;
	const update = mode === 'update';
	const step = (rows: Value[][]): number => {
		batch++;
		const lateUs = prevWm * 1000;
		let max = -Infinity;
		for (let i = 0; i < rows.length; i++) {
			const r = rows[i] as Value[];
			const t = r[0] as number;
			const ms = Math.trunc(t / 1000);
			if (ms > max) max = ms;
			const rem = t % WINDOW_US;
			const start = t - (rem < 0 ? rem + WINDOW_US : rem);
			if (start + WINDOW_US <= lateUs) continue;
			let w = state.get(start);
			if (w === undefined) state.set(start, (w = new Map()));
			const key = r[1] as string;
			const c = w.get(key);
			if (c === undefined) {
				w.set(key, { n: 1, batch });
				if (update) out++;
			} else {
				c.n++;
				if (update && c.batch !== batch) {
					c.batch = batch;
					out++;
				}
			}
		}
		const evictUs = wm * 1000;
		for (const [start, w] of state) {
			if (start + WINDOW_US <= evictUs) {
				if (!update) out += w.size;
				state.delete(start);
			}
		}
		return max;
	};
	let ms = 0;
	for (const rows of source) {
		const t0 = performance.now();
		events += rows.length;
		const max = step(rows);
		const before = wm;
		prevWm = wm;
		if (max - DELAY_MS > wm) wm = max - DELAY_MS;
		if (wm > before) {
			step([]);
			prevWm = wm;
		}
		ms += performance.now() - t0;
	}
	return { events, ms, out };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const median = (xs: readonly number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// Warm both paths, then alternate, swapping who goes first each pair.
runEngine(batches.slice(0, 20));
runLoop(batches.slice(0, 20));
const ratios: number[] = [];
const engineRuns: Timed[] = [];
const loopRuns: Timed[] = [];
for (let p = 0; p < PAIRS; p++) {
	let e: Timed;
	let l: Timed;
	if (p % 2 === 0) {
		e = runEngine(batches);
		l = runLoop(batches);
	} else {
		l = runLoop(batches);
		e = runEngine(batches);
	}
	if (e.out !== l.out) {
		console.error(`the loop and the engine disagree: engine ${e.out} rows out, loop ${l.out}`);
		process.exit(1);
	}
	engineRuns.push(e);
	loopRuns.push(l);
	ratios.push(l.ms / e.ms);
}
const engineMs = median(engineRuns.map((r) => r.ms));
const loopMs = median(loopRuns.map((r) => r.ms));
console.log(
	`windowed count, ${mode} mode: ${fmt(EVENTS)} events, ${KEYS} keys, 10 s windows, 5 s delay, ${PAIRS} alternated pairs`
);
console.log(
	`engine: ${fmt(EVENTS / (engineMs / 1000))} events/s (median ${engineMs.toFixed(0)} ms, ${engineRuns[0]?.out} rows out)`
);
console.log(
	`loop:   ${fmt(EVENTS / (loopMs / 1000))} events/s (median ${loopMs.toFixed(0)} ms, same rows out)`
);
console.log(
	`ratio:  ${median(ratios).toFixed(2)}x the tight loop (median of per-pair loop/engine time; pairs ${ratios.map((r) => r.toFixed(2)).join(' ')}; goal >= 0.5x)`
);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;
if (!args.includes('--skip-hour')) {
	const HOUR_EVENTS = 10_000 * 3600;
	const hourRng = createRng(7);
	function* hour() {
		for (let i = 0; i < HOUR_EVENTS; i += BATCH) yield makeBatch(hourRng, i, BATCH, keys);
	}
	gc?.();
	const before = process.memoryUsage().heapUsed;
	const h = runEngine(hour());
	gc?.();
	const after = process.memoryUsage().heapUsed;
	console.log(
		`one hour at 10,000 events/s: ${(h.ms / 1000).toFixed(1)} s engine time end to end (${fmt(h.events)} events; goal < 4 s); heap ${mb(before)} before, ${mb(after)} after${gc ? '' : ' (run with --expose-gc for a settled figure)'}`
	);
}

/** The page's path: an event-time scenario's program over `events` Kafka records at `perSecond`
 *  for `seconds` of processing time (the scenario's own records, repeated over the span). */
function pagePath(perSecond: number, seconds: number): { events: number; ms: number; ok: boolean } {
	const s = EVENT_TIME_SCENARIOS['advanced-07-event-time-and-state'];
	if (!s) throw new Error('advanced-07 scenario missing');
	const params = s.constrain({
		...defaultParams(s.schema),
		eventRate: Math.min(200, perSecond)
	}).params;
	const base = s.input(params, 1);
	const stream = base.streams[0];
	if (!stream || stream.events.length === 0) throw new Error('advanced-07 has no input');
	const span = Math.max(1, base.runLengthMs);
	const total = perSecond * seconds;
	const events: SimEvent[] = [];
	for (let i = 0; i < total; i++) {
		const e = stream.events[i % stream.events.length] as SimEvent;
		const lap = Math.floor(i / stream.events.length) * span;
		events.push({
			...e,
			id: `${e.id}-${i}`,
			arrivalMs: (e.arrivalMs + lap) as SimEvent['arrivalMs'],
			eventTimeMs: (e.eventTimeMs + lap) as SimEvent['eventTimeMs']
		});
	}
	events.sort((a, b) => a.arrivalMs - b.arrivalMs);
	const input: EventTimeInput = {
		...base,
		runLengthMs: Math.max(seconds * 1000, (events.at(-1)?.arrivalMs ?? 0) + base.triggerIntervalMs),
		streams: [{ ...stream, events }]
	};
	const t0 = performance.now();
	const r = runEventTimeProgram(s.program(params), { input, kafkaValue: (e) => s.kafkaValue(e) });
	if (!r.ok) console.error('page path failed:', r.error.message);
	return { events: total, ms: performance.now() - t0, ok: r.ok };
}
for (const [rate, secs] of [
	[200, 80],
	[200, 160]
] as const) {
	const p = pagePath(rate, secs);
	console.log(`page path, ${fmt(p.events)} events: ${p.ms.toFixed(0)} ms to prepare`);
}
const page = pagePath(200, 3600);
console.log(
	`page path, one hour at the largest page rate (200 events/s, ${fmt(page.events)} events): ${(page.ms / 1000).toFixed(2)} s to prepare (goal < 1 s)`
);
