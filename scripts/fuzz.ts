/**
 * `npm run fuzz`: random and mutated programs and links through the paths a page takes from a
 * shared link to a trace, each run on the engines' own budget. It counts two failures:
 * - uncaught: a runner threw (they return errors as values, never throw), or something was
 *   thrown later, outside any call (an RxJS rethrow from a timer);
 * - internal: a message a user would see (an error's message or `supported` line, a link
 *   notice) holds JavaScript's words instead of Spark's or Python's (RangeError, "Maximum call
 *   stack", "Invalid time value", "undefined", "NaN", "is not a function", ...).
 * The target is 0 and 0. Deterministic: the same seed gives the same programs.
 * Usage: npm run fuzz [-- --count 100000] [--seed 1] [--verbose]
 * A short run is in the unit tests (tests/unit/limits/fuzz.test.ts).
 */
import { createRng, type Rng } from '../simulations/core/rng';
import { readDStreamProgram } from '../simulations/dstream/index';
import { runDStreamProgram } from '../simulations/kinds/dstream/run';
import { runEventTimeProgram } from '../simulations/kinds/event-time/run';
import { runStructuredOverSocket } from '../simulations/kinds/dstream/structured-socket';
import { evalPython } from '../simulations/python/index';
import { basic02DStreams } from '../simulations/questions/basic-02-pyspark-streaming-support/dstream';
import { basic03DStreams } from '../simulations/questions/basic-03-dstreams/question';
import { linesBetween } from '../simulations/kinds/dstream/socket-lines';
import type { DStreamScenario } from '../simulations/kinds/dstream/question';
import { EVENT_TIME_SCENARIOS } from '../simulations/kinds/event-time/questions';
import type { EventTimeScenario } from '../simulations/kinds/event-time/question';
import { defaultParams, type Params } from '../simulations/core/params';
import { compileExpr, ExprRuntimeError, parseSqlExpr } from '../simulations/structured/expr/index';
import { decodeProgram, encodeProgram } from '../src/lib/sim/program-url';
import { decodeInputEdits } from '../src/lib/sim/input-edits-url';
import { parseUrlState } from '../src/lib/sim/url-state';
import type { KindEngine, QuestionSimulation } from '../simulations/kinds/kind';
import { microBatchEngine } from '../simulations/kinds/micro-batch/engine';
import { question as basic01 } from '../simulations/questions/basic-01-stream-processing/index';
import { question as basic02 } from '../simulations/questions/basic-02-pyspark-streaming-support/index';
import { question as basic11 } from '../simulations/questions/basic-11-micro-batches/index';

/** JavaScript's words in a message meant for a user. Python's and Spark's own messages never
 *  hold these (Python says "nan" and "float NaN": the one Spark/Python use of NaN is allowed). */
const INTERNAL = [
	/RangeError|ReferenceError|EvalError|URIError/,
	/Maximum call stack/i,
	/Invalid time value/,
	/Invalid (array|string|typed array) length/,
	/Invalid code point/,
	/\bundefined\b/,
	/(?<!float |Double\.)\bNaN\b(?! (to|is))/,
	/Cannot (read|set) propert/,
	/is not a (function|constructor)/,
	/\[object \w+\]/,
	/internal (reader )?error/i,
	/the simulator failed/,
	/Unexpected token|in JSON at position/,
	/toFixed|toPrecision|BigInt/
];

export interface Finding {
	readonly target: string;
	readonly kind: 'uncaught' | 'internal';
	readonly text: string;
	readonly program: string;
}

export interface FuzzReport {
	readonly programs: number;
	readonly uncaught: number;
	readonly internal: number;
	readonly findings: readonly Finding[];
	readonly byTarget: Readonly<Record<string, number>>;
	readonly slowest: { readonly ms: number; readonly target: string; readonly program: string };
	readonly ms: number;
}

/** Values that stress limits where a literal stands in a program. */
const EXTREME_NUMBERS = [
	'0',
	'-1',
	'1.5',
	'0.001',
	'-0.5',
	'1e308',
	'1e-308',
	'10**9',
	'10**18',
	'2**53',
	'999999',
	'3600000',
	'float("nan")',
	'float("inf")',
	'-10**12',
	'7',
	'1000000'
];
const EXTREME_STRINGS = [
	'""',
	'"0 seconds"',
	'"-1 seconds"',
	'"1 millisecond"',
	'"1 microsecond"',
	'"9999999 days"',
	'"1 hour"',
	'"10 minutes"',
	'"abc"',
	'"1 year"',
	'"NaN seconds"',
	'"1e400 seconds"',
	'"-5 minutes"',
	'"2026-01-01 10:00:00"',
	'"+294247-01-10 04:00:54"',
	'"999999-12-31"',
	'"0001-01-01"',
	'"{}"',
	'"[[["',
	'"\\u0000"',
	'"' + 'x'.repeat(300) + '"',
	'"%s %d"',
	'"{0} {1}"',
	'"timestamp"',
	'"long"',
	'"append"',
	'"update"',
	'"complete"',
	'"value"',
	'"key"',
	'"*"'
];
/** Tokens and fragments inserted at random places. */
const TOKENS = [
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	',',
	':',
	'.',
	'=',
	'==',
	'+',
	'-',
	'*',
	'/',
	'//',
	'%',
	'**',
	'not ',
	' and ',
	' or ',
	'lambda x: ',
	'None',
	'True',
	'False',
	'\n',
	'    ',
	'#',
	'\\',
	'F.window(',
	'F.col("value")',
	'F.lit(1)',
	'.alias("a")',
	'.cast("timestamp")',
	'F.expr("',
	'.withWatermark("eventTime", "1 second")',
	'.groupBy("key")',
	'.count()',
	'.agg(F.sum("n"))',
	'F.explode(F.sequence(F.lit(1), F.lit(100000)))',
	'F.timestamp_seconds(F.lit(9e12))',
	'.window(',
	'.countByWindow(1.5, -1)',
	'.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 60, 1)',
	'.flatMap(lambda l: range(10**6))',
	'.map(lambda w: sum(range(999999)))',
	'.updateStateByKey(lambda vs, s: (s or 0) + sum(vs))',
	'"' + '('.repeat(250) + '"',
	'('.repeat(300),
	'x' + '+x'.repeat(400),
	'print("a" * 10**8)',
	'[0] * 10**8',
	'while True: pass',
	'def f(x): return f(x)',
	'f(1)',
	'.trigger(processingTime="0 seconds")',
	'.outputMode("update")',
	'.dropDuplicates(["key"])',
	'F.session_window("eventTime", "0 seconds")',
	'.join(events, "key")',
	'"\\U0011FFFF"',
	'"\\xZZ"',
	'b"abc"',
	'f"{x!r:>{10**9}}"',
	'"%*d" % (10**9, 1)',
	'.pprint(10**9)',
	'ssc.remember(-1)',
	'ssc.checkpoint("")',
	'.repartition(0)',
	'.repartition(10**7)'
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)] as T;

function mutate(rng: Rng, code: string): string {
	const n = code.length;
	const at = rng.int(n + 1);
	switch (rng.int(9)) {
		case 0:
			return code.slice(0, at) + code.slice(at + 1 + rng.int(8));
		case 1:
			return code.slice(0, at) + pick(rng, TOKENS) + code.slice(at);
		case 2: {
			const nums = [...code.matchAll(/(?<![\w.])\d+(\.\d+)?(?![\w.])/g)];
			const m = nums.length ? pick(rng, nums) : undefined;
			if (!m || m.index === undefined) return code + '\n' + pick(rng, TOKENS);
			return (
				code.slice(0, m.index) + pick(rng, EXTREME_NUMBERS) + code.slice(m.index + m[0].length)
			);
		}
		case 3: {
			const strs = [...code.matchAll(/"[^"\n]*"/g)];
			const m = strs.length ? pick(rng, strs) : undefined;
			if (!m || m.index === undefined) return code;
			return (
				code.slice(0, m.index) + pick(rng, EXTREME_STRINGS) + code.slice(m.index + m[0].length)
			);
		}
		case 4: {
			const lines = code.split('\n');
			const i = rng.int(lines.length);
			lines.splice(i, 1);
			return lines.join('\n');
		}
		case 5: {
			const lines = code.split('\n');
			const i = rng.int(lines.length);
			lines.splice(rng.int(lines.length), 0, lines[i] ?? '');
			return lines.join('\n');
		}
		case 6: {
			// Call one more method on a stream: the last name assigned on a line, re-used.
			const names = [...code.matchAll(/^(\w+) = /gm)].map((m) => m[1] as string);
			const name = names.length ? pick(rng, names) : 'events';
			return (
				code +
				`\n${name}${pick(
					rng,
					TOKENS.filter((t) => t.startsWith('.'))
				)}`
			);
		}
		case 7:
			return code.slice(0, at) + String.fromCharCode(rng.int(128)) + code.slice(at);
		default: {
			const b = rng.int(n + 1);
			const [x, y] = at < b ? [at, b] : [b, at];
			return code.slice(0, x) + code.slice(y, y + (y - x)) + code.slice(x);
		}
	}
}

/** Random token soup, as a program no page holds. */
function soup(rng: Rng): string {
	const k = 1 + rng.int(30);
	let s = '';
	for (let i = 0; i < k; i++)
		s += pick(rng, [...TOKENS, ...EXTREME_NUMBERS, ...EXTREME_STRINGS, 'events', 'x', ' ']);
	return s;
}

/** A short run of each page path: the checks are about messages, not long traces. */
interface Target {
	readonly name: string;
	readonly seeds: readonly string[];
	/** `input`: the text the user gave, when it is not `code` (a link is decoded first). */
	run(
		code: string,
		seed: number
	): { readonly messages: readonly string[]; readonly input?: string };
}

const messagesOf = (r: {
	ok: boolean;
	error?: { message: string; supported?: string };
}): string[] => (r.ok || !r.error ? [] : [r.error.message, r.error.supported ?? '']);

function eventTimeTarget(s: EventTimeScenario): Target {
	const params = s.constrain(defaultParams(s.schema)).params;
	const seeds = [
		s.program(params),
		...s.presets.map((p) => s.program(s.constrain({ ...params, ...p.params }).params))
	];
	const input = s.input(params, 1);
	const short = { ...input, runLengthMs: Math.min(input.runLengthMs, 60_000) };
	return {
		name: `event-time:${s.slug}`,
		seeds,
		run: (code) => {
			const r = runEventTimeProgram(code, { input: short, kafkaValue: (e) => s.kafkaValue(e) });
			return { messages: messagesOf(r) };
		}
	};
}

function dstreamTarget(s: DStreamScenario): Target {
	const params = s.constrain(defaultParams(s.schema)).params;
	const seeds = [
		s.program(params),
		...s.presets.map((p) => s.program(s.constrain({ ...params, ...p.params }).params))
	];
	const lines = s.lines(params, 1);
	return {
		name: `dstream:${s.slug}`,
		seeds,
		run: (code, seed) => {
			const r = runDStreamProgram(code, {
				durationMs: Math.min(s.runMs, 12_000),
				startEpochMs: s.startEpochMs,
				sources: [{ arrivals: (from, to) => linesBetween(lines, from, to) }],
				cost: s.cost,
				seed
			});
			const out: string[] = messagesOf(r);
			// The reader's own error, for programs the runner refuses before reading.
			const read = readDStreamProgram(code);
			if (!read.ok) out.push(read.error.message);
			return { messages: out };
		}
	};
}

function socketTarget(s: DStreamScenario): Target | null {
	const code = s.structuredProgram?.();
	if (!code) return null;
	const params = s.constrain(defaultParams(s.schema)).params;
	const lines = s.lines(params, 1).map((l) => ({ atMs: l.atMs, line: l.line }));
	return {
		name: `socket:${s.slug}`,
		seeds: [code],
		run: (c) => ({
			messages: messagesOf(
				runStructuredOverSocket(c, { lines, durationMs: 12_000, startEpochMs: s.startEpochMs })
			)
		})
	};
}

const PYTHON_SEEDS = [
	'def f(x):\n    return (x, 1)\nxs = [f(str(i)) for i in range(10)]\nsorted(xs, key=lambda p: p[0])[0]',
	'd = {}\nfor w in "a b a c".split():\n    d[w] = d.get(w, 0) + 1\nsum(d.values())',
	'x = 3\ny = x ** 2 // 4 % 3\n"%s-%d" % ("a", y) + f"{y:>5}"',
	'import operator\nfrom functools import reduce\nreduce(operator.add, [1, 2, 3], 0)',
	'class A:\n    def __init__(self, n):\n        self.n = n\nA(4).n * 2.5'
];

const pythonTarget: Target = {
	name: 'python',
	seeds: PYTHON_SEEDS,
	run: (code) => ({ messages: messagesOf(evalPython(code)) })
};

const SQL_SEEDS = [
	'CAST(value AS TIMESTAMP)',
	'window(time, "10 seconds", "5 seconds")',
	'value + 1 > 3 AND s LIKE "a%"',
	'timestamp_seconds(value * 1000000000000)',
	'CASE WHEN value > 1 THEN s ELSE NULL END',
	'count(DISTINCT s)'
];
const sqlTarget: Target = {
	name: 'sql',
	seeds: SQL_SEEDS,
	run: (text) => {
		const p = parseSqlExpr(text, { line: 1, column: 1 });
		if (!p.ok) return { messages: [p.error.message] };
		const c = compileExpr(p.value, [
			{ name: 'value', type: { kind: 'long' } },
			{ name: 'time', type: { kind: 'timestamp' } },
			{ name: 's', type: { kind: 'string' } }
		]);
		if (!c.ok) return { messages: [c.error.message] };
		try {
			c.value.eval([9e15, 9.2e18, 'a%b']);
		} catch (e) {
			if (e instanceof ExprRuntimeError) return { messages: [e.message] };
			throw e;
		}
		return { messages: [] };
	}
};

/** A page's whole run path through its kind (kind.run, as the engine worker calls it), for the
 *  kinds no other target reaches (the micro-batch pages): its error, or the start it refused. */
function kindTarget(sim: QuestionSimulation): Target {
	const q = sim.question;
	const engine = microBatchEngine as unknown as KindEngine;
	const params = q.constrain(defaultParams(q.schema)).params;
	const seeds = [
		q.program(params),
		...q.presets.map((p) => q.program(q.constrain({ ...params, ...p.params }).params))
	];
	return {
		name: `${sim.kind.id}:${q.slug}`,
		seeds,
		run: (code, seed) => {
			const r = engine.run(q, { code, params, seed, script: null, edits: [] });
			const refused = r.ok ? sim.kind.rejection(r.value) : null;
			return {
				messages: [...messagesOf(r), ...(refused ? messagesOf({ ok: false, error: refused }) : [])]
			};
		}
	};
}

/** A share link's query string: page parameters, presets, a program, input edits. */
function linkTarget(s: EventTimeScenario): Target {
	const params = s.constrain(defaultParams(s.schema)).params;
	const keys = s.schema.map((p) => p.id);
	const input = s.input(params, 1);
	const sample = (rng: Rng): string => {
		const q = new URLSearchParams();
		for (const k of keys)
			if (rng.int(3) === 0)
				q.set(k, pick(rng, [...EXTREME_NUMBERS, 'x', '', '1e999', '-0', 'update']));
		if (rng.int(3) === 0) q.set('preset', pick(rng, ['', 'nope', ...s.presets.map((p) => p.id)]));
		if (rng.int(3) === 0) q.set('seed', pick(rng, EXTREME_NUMBERS));
		if (rng.int(3) === 0) q.set('t', pick(rng, EXTREME_NUMBERS));
		if (rng.int(3) === 0)
			q.set(
				'code',
				rng.int(2) ? encodeProgram(mutate(rng, s.program(params))).toString() : soup(rng)
			);
		if (rng.int(3) === 0) q.set('edits', `1.${soup(rng)}`);
		return q.toString();
	};
	return {
		name: `link:${s.slug}`,
		seeds: [sample(createRng(1))],
		run: (raw, seed) => {
			const q = new URLSearchParams(raw.includes('=') ? raw : sample(createRng(seed)));
			const parsed = parseUrlState(q, {
				schema: s.schema,
				presets: s.presets,
				constrain: (r) => s.constrain(r)
			});
			const messages = [...parsed.notices];
			const code = q.get('code');
			if (code !== null) {
				const d = decodeProgram(code);
				if (!d.ok) messages.push(d.notice);
			}
			const edits = q.get('edits');
			if (edits !== null) messages.push(...decodeInputEdits(edits, input).notices);
			const p: Params = s.constrain({ ...parsed.state.params }).params;
			const r = runEventTimeProgram(s.program(p), {
				input: { ...s.input(p, 1), runLengthMs: 30_000 },
				kafkaValue: (e) => s.kafkaValue(e)
			});
			// Keys too: a notice names an unknown parameter by the key the link gave.
			const given = [...q.entries()].flat().join('\n');
			return {
				messages: [...messages, ...messagesOf(r)],
				input: `${given}\n${code === null ? '' : decodeProgram(code).ok ? (decodeProgram(code) as { code: string }).code : ''}`
			};
		}
	};
}

export function targets(): Target[] {
	const et = Object.values(EVENT_TIME_SCENARIOS);
	const ds = [basic03DStreams, basic02DStreams];
	return [
		...et.map(eventTimeTarget),
		...ds.map(dstreamTarget),
		...ds.map(socketTarget).filter((t): t is Target => t !== null),
		...[basic01, basic02, basic11].map((m) => kindTarget(m.simulations[0] as QuestionSimulation)),
		pythonTarget,
		sqlTarget,
		...et.slice(0, 2).map(linkTarget)
	];
}

export interface FuzzOptions {
	readonly count: number;
	readonly seed?: number;
	/** Every 1,000 programs: how many ran, and the failures so far (a cut-short run still says). */
	readonly onProgress?: (done: number, uncaught: number, internal: number) => void;
	/** Called for each program slower than `slowMs`. */
	readonly slowMs?: number;
	readonly onSlow?: (ms: number, target: string, program: string) => void;
}

/** Lets timers due now run: RxJS rethrows an error no subscriber handled from a timer, so a
 *  program's late error surfaces here, before the next program, not after the whole run. */
const timersRun = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
	const rng = createRng(options.seed ?? 1);
	const all = targets();
	const findings: Finding[] = [];
	const byTarget: Record<string, number> = {};
	let uncaught = 0;
	let internal = 0;
	let slowest = { ms: 0, target: '', program: '' };
	const late: unknown[] = [];
	const onLate = (e: unknown) => late.push(e);
	const proc = (
		globalThis as {
			process?: {
				on(ev: string, f: (e: unknown) => void): void;
				off(ev: string, f: (e: unknown) => void): void;
			};
		}
	).process;
	proc?.on('uncaughtException', onLate);
	const t0 = performance.now();
	try {
		for (let i = 0; i < options.count; i++) {
			const target = all[rng.int(all.length)] as Target;
			let code: string;
			if (rng.int(10) === 0) code = soup(rng);
			else {
				code = pick(rng, target.seeds);
				const k = 1 + rng.int(3);
				for (let j = 0; j < k; j++) code = mutate(rng, code);
			}
			byTarget[target.name] = (byTarget[target.name] ?? 0) + 1;
			const started = performance.now();
			try {
				const { messages, input } = target.run(code, 1 + rng.int(1000));
				const given = input ?? code;
				for (const m of messages) {
					// A flagged word the program or link itself holds is the user's text quoted back.
					const bad = INTERNAL.find((re) => {
						const hit = re.exec(m);
						return hit !== null && !given.includes(hit[0]);
					});
					if (bad) {
						internal++;
						findings.push({ target: target.name, kind: 'internal', text: m, program: code });
					}
				}
			} catch (e) {
				uncaught++;
				findings.push({
					target: target.name,
					kind: 'uncaught',
					text: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
					program: code
				});
			}
			const ms = performance.now() - started;
			if (ms > slowest.ms) slowest = { ms, target: target.name, program: code };
			if (ms > (options.slowMs ?? Infinity)) options.onSlow?.(ms, target.name, code);
			await timersRun();
			while (late.length) {
				const e = late.shift();
				uncaught++;
				findings.push({
					target: target.name,
					kind: 'uncaught',
					text: `thrown later: ${String(e)}`,
					program: code
				});
			}
			if (options.onProgress && (i + 1) % 1000 === 0) options.onProgress(i + 1, uncaught, internal);
		}
	} finally {
		proc?.off('uncaughtException', onLate);
	}
	return {
		programs: options.count,
		uncaught,
		internal,
		findings,
		byTarget,
		slowest,
		ms: performance.now() - t0
	};
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const num = (flag: string, d: number) => {
		const i = args.indexOf(flag);
		return i >= 0 ? Number(args[i + 1]) : d;
	};
	const count = num('--count', 100_000);
	const seed = num('--seed', 1);
	const started = performance.now();
	const r = await runFuzz({
		count,
		seed,
		onProgress: (n, uncaught, internal) => {
			if (n % 5_000 === 0)
				process.stderr.write(
					`  ${n.toLocaleString('en-US')} programs in ${((performance.now() - started) / 1000).toFixed(0)} s: ${uncaught} uncaught, ${internal} internal\n`
				);
		},
		slowMs: 2000,
		onSlow: (ms, target, code) =>
			process.stderr.write(
				`  slow: ${ms.toFixed(0)} ms (${target})${args.includes('--verbose') ? `\n${code}\n` : ''}\n`
			)
	});
	const distinct = new Map<string, Finding>();
	for (const f of r.findings) {
		const key = `${f.kind} ${f.target.split(':')[0]} ${f.text.replace(/\d+/g, 'N').slice(0, 120)}`;
		if (!distinct.has(key)) distinct.set(key, f);
	}
	for (const [key, f] of distinct) {
		console.log(`\n${key}\n  ${f.text.slice(0, 300)}`);
		if (args.includes('--verbose')) console.log(`  program:\n${f.program.slice(0, 1500)}`);
	}
	console.log(
		`\nfuzz: ${r.programs.toLocaleString('en-US')} programs and links (seed ${seed}) in ${(r.ms / 1000).toFixed(1)} s`
	);
	for (const [t, n] of Object.entries(r.byTarget).sort())
		console.log(`  ${t}: ${n.toLocaleString('en-US')}`);
	console.log(`slowest: ${r.slowest.ms.toFixed(0)} ms (${r.slowest.target})`);
	console.log(`uncaught errors: ${r.uncaught}`);
	console.log(`internal texts shown: ${r.internal}`);
	if (r.uncaught + r.internal > 0) process.exitCode = 1;
}

if (
	process.argv[1] &&
	import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '\0')
)
	void main();
