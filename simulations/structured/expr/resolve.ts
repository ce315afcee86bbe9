/**
 * Column resolution against a schema, as Catalyst's LogicalPlan.resolve with
 * spark.sql.caseSensitive=false: names match case-insensitively; a qualifier (`l.x`, a
 * DataFrame alias or the analyzer's `#<nodeId>` tag) restricts the match to fields carrying it;
 * no match is UNRESOLVED_COLUMN with the closest names suggested, several is AMBIGUOUS_REFERENCE.
 */
import { err, ok, type Result } from '../../core/errors';
import type { StructField } from './ast';

export interface Resolved {
	readonly index: number;
	readonly field: StructField;
}

const quote = (parts: readonly string[]): string => parts.map((p) => `\`${p}\``).join('.');

function levenshtein(a: string, b: string): number {
	const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0] ?? 0;
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const up = prev[j] ?? 0;
			prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = up;
		}
	}
	return prev[b.length] ?? 0;
}

/** The user-visible qualifier of a field (an alias), never an internal `#id` tag. */
function shownName(f: StructField): string {
	const q = f.qualifiers?.find((x) => !x.startsWith('#'));
	return q === undefined ? quote([f.name]) : quote([q, f.name]);
}

export function unresolvedMessage(
	name: string,
	qualifier: string | undefined,
	schema: readonly StructField[]
): string {
	const shown = quote(qualifier === undefined ? [name] : [qualifier, name]);
	const head = `A column, variable, or function parameter with name ${shown} cannot be resolved.`;
	if (schema.length === 0) return `[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] ${head}`;
	// StringUtils.orderSuggestedIdentifiersBySimilarity: closest first, five at most.
	const target = name.toLowerCase();
	const suggestions = schema
		.map((f, i) => ({ s: shownName(f), d: levenshtein(target, f.name.toLowerCase()), i }))
		.sort((a, b) => a.d - b.d || a.i - b.i)
		.slice(0, 5)
		.map((x) => x.s);
	const list = suggestions.join(', ');
	const suggestion = `Did you mean one of the following? [${list}].`;
	return `[UNRESOLVED_COLUMN.WITH_SUGGESTION] ${head} ${suggestion}`;
}

/** The field named `name` (reachable through `qualifier` if given); an error text unless exactly
 *  one matches. */
export function resolveColumn(
	name: string,
	qualifier: string | undefined,
	schema: readonly StructField[]
): Result<Resolved, string> {
	const lower = name.toLowerCase();
	const q = qualifier?.toLowerCase();
	const matches: Resolved[] = [];
	schema.forEach((field, index) => {
		if (field.name.toLowerCase() !== lower) return;
		if (q !== undefined && !(field.qualifiers ?? []).some((x) => x.toLowerCase() === q)) return;
		matches.push({ index, field });
	});
	const [first] = matches;
	if (first === undefined) return err(unresolvedMessage(name, qualifier, schema));
	if (matches.length > 1) {
		const shown = quote(qualifier === undefined ? [name] : [qualifier, name]);
		const list = matches.map((m) => shownName(m.field)).join(', ');
		return err(`[AMBIGUOUS_REFERENCE] Reference ${shown} is ambiguous, could be: [${list}].`);
	}
	return ok(first);
}

/** Whether any field carries `qualifier`: `a.b` then means column b of a, not field b of a. */
export function hasQualifier(qualifier: string, schema: readonly StructField[]): boolean {
	const q = qualifier.toLowerCase();
	return schema.some((f) => (f.qualifiers ?? []).some((x) => x.toLowerCase() === q));
}

/** `a.b`, `` `a.b`.c `` → name parts, as UnresolvedAttribute.parseAttributeName splits them;
 *  null when the backquotes do not pair up. */
export function nameParts(name: string): string[] | null {
	const parts: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < name.length; i++) {
		const c = name[i];
		if (c === '`') {
			if (quoted && name[i + 1] === '`') {
				cur += '`';
				i++;
			} else quoted = !quoted;
		} else if (c === '.' && !quoted) {
			parts.push(cur);
			cur = '';
		} else cur += c;
	}
	if (quoted) return null;
	parts.push(cur);
	return parts;
}
