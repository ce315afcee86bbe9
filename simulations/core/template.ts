/**
 * Program templates: each question's PySpark program at default parameters, with the literal a
 * parameter controls marked by a trailing `# <- paramId` comment (QUESTIONS.md §0.2). Rendering a
 * program for other parameters rewrites only those marked spans, so the code a user sees is the
 * real program, never a re-typed copy.
 */

export type ProgramApi = 'structured' | 'dstream';

export interface ProgramTemplate {
	/** `main` for the page's primary program; other ids name alternates (`dstream`, ...). */
	readonly id: string;
	readonly label: string;
	readonly api: ProgramApi;
	readonly template: string;
}

/** Replacement text for one marked line: given the line without its marker comment, return it
 *  rewritten; `null` removes the line (a variant such as "default trigger" drops `.trigger(...)`). */
export type SpanRewrite = (line: string) => string | null;

const MARKER = /\s*# <- ([A-Za-z][A-Za-z0-9]*)\s*$/;

/** The parameter ids a template marks, in order of first appearance. */
export function markedParams(template: string): string[] {
	const ids: string[] = [];
	for (const line of template.split('\n')) {
		const m = MARKER.exec(line);
		if (m?.[1] && !ids.includes(m[1])) ids.push(m[1]);
	}
	return ids;
}

/** Lines (0-based) that carry the marker of `paramId`. */
export function markedLines(template: string, paramId: string): number[] {
	const out: number[] = [];
	template.split('\n').forEach((line, i) => {
		if (MARKER.exec(line)?.[1] === paramId) out.push(i);
	});
	return out;
}

/**
 * Renders a template with the given rewrites. Marked lines keep their marker so a later rewrite
 * can find them again; a removed line is dropped entirely.
 */
export function renderProgram(
	template: string,
	rewrites: Readonly<Record<string, SpanRewrite>>
): string {
	const out: string[] = [];
	for (const line of template.split('\n')) {
		const m = MARKER.exec(line);
		const rewrite = m?.[1] ? rewrites[m[1]] : undefined;
		if (!m || !rewrite) {
			out.push(line);
			continue;
		}
		const code = line.slice(0, m.index);
		const next = rewrite(code);
		if (next !== null) out.push(next + line.slice(m.index));
	}
	return out.join('\n');
}

/** Replaces the first literal in a line: a quoted string, a number, or True/False. */
export function replaceFirstLiteral(line: string, literal: string): string {
	return line.replace(/"[^"]*"|'[^']*'|\b\d+(?:\.\d+)?\b|\bTrue\b|\bFalse\b/, literal);
}

/** Python spelling of a duration in seconds as Spark's interval string: "2 seconds", "1 second",
 *  "500 milliseconds". */
export function intervalString(seconds: number): string {
	if (Number.isInteger(seconds)) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
	const ms = Math.round(seconds * 1000);
	return `${ms} ${ms === 1 ? 'millisecond' : 'milliseconds'}`;
}

/** A question's program by id (its `main` one by default): what its simulation renders. */
export function mainProgram(programs: readonly ProgramTemplate[], id = 'main'): string {
	const found = programs.find((p) => p.id === id);
	if (!found) throw new Error(`no '${id}' program`);
	return found.template;
}

/**
 * A marked region that holds one of several variants (a source's `events = (...)` block, a
 * sink's lines), each a list of whole lines, every line marked by `paramId`. A line of the
 * target variant stays (so the text reads back as that variant); a line of another variant
 * becomes the target's line at the same place, and that variant's last line brings the rest of
 * the target's lines (each marked), so a shorter variant grows into a longer one. `regions` are
 * the places in the program the parameter rewrites (e.g. a `def` above a chain and a line in
 * it); a line no variant has stays as the reader wrote it.
 */
export function variantLine<Id extends string>(
	regions: readonly Readonly<Record<Id, readonly string[]>>[],
	target: Id,
	paramId: string
): SpanRewrite {
	const mark = `  # <- ${paramId}`;
	return (line) => {
		const code = line.trimEnd();
		for (const variants of regions) {
			const want = variants[target];
			if (want.includes(code)) return line;
			for (const from of Object.values<readonly string[]>(variants)) {
				const i = from.indexOf(code);
				if (i < 0) continue;
				if (i < from.length - 1) return want[i] ?? null;
				return i < want.length ? want.slice(i).join(`${mark}\n`) : null;
			}
		}
		return line;
	};
}
