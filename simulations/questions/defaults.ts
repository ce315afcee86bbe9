/** A question's program at its default parameters: the template as written, markers included
 *  (they are plain Python comments and tell a reader which lines the page's controls rewrite). */
import { PROGRAMS } from './programs';

export function defaultProgram(slug: string, programId = 'main'): string {
	const program = PROGRAMS[slug]?.find((p) => p.id === programId);
	if (!program) throw new Error(`no program '${programId}' for question '${slug}'`);
	return program.template;
}
