// Shared checks for the event-time scenario tests: which parameter values to render, whether a
// rendered program differs from its template only on marked lines, and bracket balance.
import { PROGRAMS } from '../../../simulations/questions/programs';
import { renderProgram } from '../../../simulations/core/template';
import type { EventTimeScenario } from '../../../simulations/kinds/event-time/question';
import { defaultParams, type Params } from '../../../simulations/core/params';

const MARKER = /\s*# <- ([A-Za-z][A-Za-z0-9]*)\s*$/;

export interface Variant {
	readonly name: string;
	readonly params: Params;
}

/** Defaults, each number param at min and max, each choice value, each preset. */
export function variants(s: EventTimeScenario): Variant[] {
	const base = defaultParams(s.schema);
	const out: Variant[] = [{ name: 'defaults', params: base }];
	for (const p of s.schema) {
		const values = p.kind === 'number' ? [p.min, p.max] : p.options.map((o) => o.value);
		for (const v of values) out.push({ name: `${p.id}=${v}`, params: { ...base, [p.id]: v } });
	}
	for (const preset of s.presets) {
		out.push({ name: `preset ${preset.id}`, params: { ...base, ...preset.params } });
	}
	return out;
}

/**
 * Null when `out` is `template` with only marked lines rewritten (keeping their marker) or
 * removed; otherwise the first offending line. `removable` lists the params whose lines may go.
 */
export function onlyMarkedLinesChanged(
	template: string,
	out: string,
	removable: readonly string[]
): string | null {
	const t = template.split('\n');
	const o = out.split('\n');
	let j = 0;
	for (const line of t) {
		const id = MARKER.exec(line)?.[1];
		if (!id) {
			if (o[j] !== line) return `${JSON.stringify(line)} became ${JSON.stringify(o[j])}`;
			j++;
			continue;
		}
		if (MARKER.exec(o[j] ?? '')?.[1] === id) {
			j++;
			continue;
		}
		if (!removable.includes(id)) return `line marked ${id} was removed: ${line}`;
	}
	return j === o.length ? null : `extra lines from ${o[j]}`;
}

/** Brackets balance outside strings and comments (Python: "..." and '...' on one line). */
export function bracketsBalanced(program: string): boolean {
	const stack: string[] = [];
	const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
	for (const line of program.split('\n')) {
		let quote: string | null = null;
		for (let i = 0; i < line.length; i++) {
			const c = line[i] ?? '';
			if (quote) {
				if (c === '\\') i++;
				else if (c === quote) quote = null;
				continue;
			}
			if (c === '#') break;
			if (c === '"' || c === "'") quote = c;
			else if ('([{'.includes(c)) stack.push(c);
			else if (c in pairs && stack.pop() !== pairs[c]) return false;
		}
		if (quote) return false;
	}
	return stack.length === 0;
}

/** The program file's own main template (without the variant markers the scenario adds). */
export const fileTemplate = (slug: string, id = 'main'): string => {
	const p = PROGRAMS[slug]?.find((x) => x.id === id);
	if (!p) throw new Error(`no ${id} program for ${slug}`);
	return p.template;
};

export const stripMarkers = (program: string): string =>
	program
		.split('\n')
		.map((l) => l.replace(MARKER, ''))
		.join('\n');

/** Every program a page can show: main and alternates, at every variant. */
export function renderedPrograms(s: EventTimeScenario): { name: string; code: string }[] {
	const out: { name: string; code: string }[] = [];
	for (const v of variants(s)) {
		const params = s.constrain(v.params).params;
		out.push({ name: `${v.name} main`, code: s.program(v.params) });
		for (const alt of PROGRAMS[s.slug] ?? []) {
			if (alt.id === 'main') continue;
			out.push({
				name: `${v.name} ${alt.id}`,
				code: renderProgram(alt.template, s.rewrites(params))
			});
		}
	}
	return out;
}
