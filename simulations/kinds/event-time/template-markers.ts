/**
 * Variant spans that reach beyond the literal a parameter marks (QUESTIONS.md §0.2: "a parameter
 * may mark several lines, which are then rewritten together"). A session window replaces the
 * whole `F.window(` call, switching the watermark off turns `dropDuplicatesWithinWatermark` into
 * `dropDuplicates`, a join without a time bound shortens its condition. The program files mark
 * only the literals, so this adds the marker to those extra lines of the page's main program;
 * a line that already ends in a marker is left as it is, so marking it in the program file is
 * safe. A listed line that is missing is an error: the variant would render wrong code. Each
 * question lists its own (questions/<slug>/question.ts).
 */
import { mainProgram, type ProgramTemplate } from '../../core/template';

export interface ExtraMarker {
	/** The line's code, trimmed, without any marker. */
	readonly code: string;
	readonly paramId: string;
}

const HAS_MARKER = /#\s*<-\s*[A-Za-z][A-Za-z0-9]*\s*$/;

/** The question's main program with its variant lines marked. */
export function programTemplate(
	slug: string,
	programs: readonly ProgramTemplate[],
	extras: readonly ExtraMarker[] = []
): string {
	return withExtraMarkers(slug, mainProgram(programs), extras);
}

/** The template with the variant lines of `slug` marked. */
export function withExtraMarkers(
	slug: string,
	template: string,
	extras: readonly ExtraMarker[]
): string {
	const lines = template.split('\n');
	for (const { code, paramId } of extras) {
		const i = lines.findIndex((l) => l.replace(/\s*#.*$/, '').trim() === code);
		const line = i >= 0 ? lines[i] : undefined;
		if (line === undefined) throw new Error(`${slug}: variant line ${code} not found`);
		if (!HAS_MARKER.test(line)) lines[i] = `${line}  # <- ${paramId}`;
	}
	return lines.join('\n');
}
