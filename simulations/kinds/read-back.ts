/**
 * The parameters a program's text says, for kinds whose run does not report them: each control
 * whose marked line(s) the reader edited takes the value that line now holds. A value is read
 * back only when rewriting the marked lines to it leaves them exactly as they are (so the text
 * says that value and nothing else), and only if the question's gate accepts it unchanged; an
 * edit the controls cannot show (out of range, an unknown spelling) leaves the control alone.
 *
 * Some values remove lines rather than rewrite them (a 0 s watermark delay drops
 * `withWatermark`, a tumbling window drops the slide, "no checkpoint" drops `ssc.checkpoint`):
 * which marked lines the program still has says those values, so a value is read back only if
 * the program at that value marks the same parameters as the text does.
 */
import type { ParamSpec, ParamValue, Params } from '../core/params';
import type { SimQuestion } from './kind';

const MARKER = /\s*# <- ([A-Za-z][A-Za-z0-9]*)\s*$/;
/** A number literal, also when a unit follows it ("200ms", "5s"). */
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?/g;

/** The code part of every line the program marks for `id`. */
function markedCode(code: string, id: string): string[] {
	const out: string[] = [];
	for (const line of code.split('\n')) {
		const m = MARKER.exec(line);
		if (m?.[1] === id) out.push(line.slice(0, m.index));
	}
	return out;
}

/** Values a number control could read from these lines: each literal, and in the units a
 *  duration is written in (ms, minutes, hours), within the control's range; then the values
 *  that remove its lines (0 = off), which only the lines still marked can tell apart. */
function numberCandidates(p: ParamSpec & { kind: 'number' }, lines: readonly string[]): number[] {
	const seen = new Set<number>();
	for (const line of lines) {
		for (const m of line.matchAll(NUMBER)) {
			const n = Number(m[0]);
			for (const v of [n, n / 1000, n * 60, n * 3600]) if (v >= p.min && v <= p.max) seen.add(v);
		}
	}
	for (const v of [p.min, 0, p.max, p.default]) if (v >= p.min && v <= p.max) seen.add(v);
	return [...seen];
}

/** Which parameter marks each marked line, in order: what lines a program has kept. */
function shapeOf(code: string): string {
	return code
		.split('\n')
		.flatMap((line) => MARKER.exec(line)?.[1] ?? [])
		.join(' ');
}

export function paramsFromProgram(question: SimQuestion, code: string, params: Params): Params {
	const next: Record<string, ParamValue> = { ...params };
	const shape = shapeOf(code);
	for (const p of question.schema) {
		if (p.simulationOnly) continue;
		const lines = markedCode(code, p.id);
		const says = (v: ParamValue): boolean => {
			try {
				const rewrite = question.rewrites({ ...next, [p.id]: v })[p.id];
				return lines.every((l) => rewrite !== undefined && rewrite(l) === l);
			} catch {
				return false;
			}
		};
		/** The program at this value marks the lines the text marks (none removed, none extra). */
		const shaped = (v: ParamValue): boolean => {
			try {
				return shapeOf(question.program({ ...next, [p.id]: v })) === shape;
			} catch {
				return false;
			}
		};
		const accepted = (v: ParamValue) =>
			question.constrain({ ...next, [p.id]: v }).params[p.id] === v;
		const current = params[p.id];
		if (current !== undefined && says(current) && shaped(current)) continue;
		const candidates: ParamValue[] =
			p.kind === 'choice' ? p.options.map((o) => o.value) : numberCandidates(p, lines);
		// Lines and shape first; a text whose markers the reader deleted still reads its lines.
		const found =
			candidates.find((v) => says(v) && shaped(v) && accepted(v)) ??
			(lines.length > 0 && !(current !== undefined && says(current))
				? candidates.find((v) => says(v) && accepted(v))
				: undefined);
		if (found !== undefined) next[p.id] = found;
	}
	const changed = Object.keys(next).some((k) => next[k] !== params[k]);
	return changed ? next : params;
}
