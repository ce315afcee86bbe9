/**
 * The parameters a program's text says, for kinds whose run does not report them: each control
 * whose marked line(s) the reader edited takes the value that line now holds. A value is read
 * back only when rewriting the marked lines to it leaves them exactly as they are (so the text
 * says that value and nothing else), and only if the question's gate accepts it unchanged; an
 * edit the controls cannot show (out of range, an unknown spelling) leaves the control alone.
 */
import type { ParamSpec, ParamValue, Params } from '../core/params';
import type { SimQuestion } from './kind';

const MARKER = /\s*# <- ([A-Za-z][A-Za-z0-9]*)\s*$/;
const NUMBER = /\b\d+(?:\.\d+)?\b/g;

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
 *  duration is written in (ms, minutes, hours), within the control's range. */
function numberCandidates(p: ParamSpec & { kind: 'number' }, lines: readonly string[]): number[] {
	const seen = new Set<number>();
	for (const line of lines) {
		for (const m of line.matchAll(NUMBER)) {
			const n = Number(m[0]);
			for (const v of [n, n / 1000, n * 60, n * 3600]) if (v >= p.min && v <= p.max) seen.add(v);
		}
	}
	return [...seen];
}

export function paramsFromProgram(question: SimQuestion, code: string, params: Params): Params {
	const next: Record<string, ParamValue> = { ...params };
	for (const p of question.schema) {
		if (p.simulationOnly) continue;
		const lines = markedCode(code, p.id);
		if (lines.length === 0) continue;
		const says = (v: ParamValue): boolean => {
			try {
				const rewrite = question.rewrites({ ...next, [p.id]: v })[p.id];
				return rewrite !== undefined && lines.every((l) => rewrite(l) === l);
			} catch {
				return false;
			}
		};
		if (params[p.id] !== undefined && says(params[p.id] as ParamValue)) continue;
		const candidates: ParamValue[] =
			p.kind === 'choice' ? p.options.map((o) => o.value) : numberCandidates(p, lines);
		const found = candidates.find((v) => {
			if (!says(v)) return false;
			const gate = question.constrain({ ...next, [p.id]: v });
			return gate.params[p.id] === v;
		});
		if (found !== undefined) next[p.id] = found;
	}
	const changed = Object.keys(next).some((k) => next[k] !== params[k]);
	return changed ? next : params;
}
