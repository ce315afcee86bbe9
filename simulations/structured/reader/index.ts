/**
 * The PySpark reader: a program's text → the streaming Query it starts (logical plan, sink
 * chain, session conf). It parses with lezer-python and walks the tree (pyeval.ts); names in
 * `bindings` are pre-bound streaming DataFrames, as the conformance scenarios and the pages
 * provide them. It never throws: every failure, an internal one included, is a located error.
 */
import type { SyntaxNode } from '@lezer/common';
import { parseWithLimits } from '../../python/nesting';
import type { Result, SourceError } from '../../core/errors';
import { analyze } from '../analyzer/index';
import type { AnalysisError, AnalyzedQuery } from '../analyzer/types';
import { AnalysisFailure } from '../analyzer/failure';
import { Resolver } from '../analyzer/resolve';
import type { StructField } from '../expr/ast';
import type { Query } from '../plan';
import { BUILTINS } from './dispatch';
import { LineIndex, ReadFailure } from './errors';
import { Walker } from './pyeval';
import type { ReaderState } from './state';
import type { PyValue } from './values';

export { F_NAMES } from './functions';
export { parseDdlSchema, parseTypeText } from './sparktypes';

function firstSyntaxError(top: SyntaxNode): SyntaxNode | null {
	let found: SyntaxNode | null = null;
	const cursor = top.cursor();
	do {
		if (cursor.type.isError) {
			found = cursor.node;
			break;
		}
	} while (cursor.next());
	return found;
}

const located = (e: unknown): SourceError => {
	if (e instanceof ReadFailure || e instanceof AnalysisFailure)
		return {
			line: Math.max(1, e.at.line),
			column: Math.max(1, e.at.column),
			message: e.message,
			...(e.supported ? { supported: e.supported } : {})
		};
	return { line: 1, column: 1, message: `internal reader error: ${e instanceof Error ? e.message : String(e)}` };
};

export function readProgram(code: string, bindings: Readonly<Record<string, readonly StructField[]>>): Result<Query> {
	const lines = new LineIndex(code);
	try {
		// Python's nesting limits before lezer parses (its tree building overflows the stack).
		const parsed = parseWithLimits(code);
		if ('error' in parsed) {
			const e = parsed.error;
			return { ok: false, error: { ...lines.pos(e.span?.from ?? 0), message: `${e.pyType}: ${e.message}` } };
		}
		const tree = parsed.tree;
		const bad = firstSyntaxError(tree.topNode);
		if (bad) {
			const at = lines.pos(bad.from);
			const atEnd = bad.from >= code.trimEnd().length;
			return { ok: false, error: { ...at, message: atEnd ? 'Python syntax error: unexpected end of program' : 'Python syntax error: invalid syntax' } };
		}
		const env = new Map<string, PyValue>();
		for (const b of BUILTINS) env.set(b, { t: 'fn', module: 'builtins', name: b });
		env.set('spark', { t: 'module', name: 'spark' });
		const state: ReaderState = { env, conf: {}, queries: [], resolver: new Resolver(), bindings, nextSourceId: 0 };
		for (const [name, schema] of Object.entries(bindings))
			env.set(name, {
				t: 'df',
				plan: { op: 'Source', id: state.nextSourceId++, source: { kind: 'bound', name }, schema, streaming: true, at: { line: 1, column: 1 } }
			});
		new Walker(code, state).script(tree.topNode);
		const started = state.queries[0];
		if (!started) {
			const end = lines.pos(Math.max(0, code.trimEnd().length - 1));
			return {
				ok: false,
				error: { ...end, message: 'the program starts no streaming query', supported: 'End the program with a `df.writeStream ... .start()` chain.' }
			};
		}
		return { ok: true, value: started.query };
	} catch (e) {
		return { ok: false, error: located(e) };
	}
}

/** Program text → the analyzed query the executor runs, or the first located error (a reader
 *  error or Spark's analysis error): what the editor marks and the page runs. */
export function readAndAnalyze(
	code: string,
	bindings: Readonly<Record<string, readonly StructField[]>>
): Result<AnalyzedQuery, SourceError | AnalysisError> {
	const q = readProgram(code, bindings);
	return q.ok ? analyze(q.value) : q;
}
