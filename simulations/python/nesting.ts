/**
 * Nesting limits checked before anything walks a parsed program, so deep input fails with
 * Python's own message at the place it went too deep instead of overflowing the JavaScript
 * stack. CPython's tokenizer stops at 200 open brackets (MAXLEVEL: "too many nested
 * parentheses"); its compiler stops deep expressions with "maximum recursion depth exceeded
 * during compilation". The tree walkers here recurse a few frames per level, so 1,000 levels
 * stay well inside any browser's stack.
 */
import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { PyException } from './errors';

/** CPython's MAXLEVEL (Parser/tokenizer.h). */
export const MAX_BRACKETS = 200;
export const MAX_TREE_DEPTH = 1000;
/** Tree depth past which a syntax error is lezer's chain limit rather than the program's. */
const LEZER_CHAIN_DEPTH = 250;

/** The 201st open bracket, skipping strings and comments; null when none goes that deep. */
function bracketOverflow(src: string): number | null {
	let level = 0;
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (c === '#') {
			while (i < src.length && src[i] !== '\n') i++;
		} else if (c === '"' || c === "'") {
			const triple = src.startsWith(c.repeat(3), i);
			const close = triple ? c.repeat(3) : c;
			i += close.length;
			while (i < src.length && !src.startsWith(close, i)) {
				if (src[i] === '\\') i++;
				else if (!triple && src[i] === '\n') break;
				i++;
			}
			i += close.length - 1;
		} else if (c === '(' || c === '[' || c === '{') {
			if (level >= MAX_BRACKETS) return i;
			level++;
		} else if ((c === ')' || c === ']' || c === '}') && level > 0) level--;
	}
	return null;
}

/** Brackets past CPython's MAXLEVEL, checked on the text before parsing: lezer's tree
 *  building itself recurses per level and overflows the stack on ten thousand parentheses. */
export function bracketNestingError(src: string): PyException | null {
	const at = bracketOverflow(src);
	return at === null
		? null
		: new PyException('SyntaxError', 'too many nested parentheses', { from: at, to: at + 1 });
}

/** A parse tree deeper than the walkers may recurse (long operator chains, `not not ...`),
 *  or a syntax error lezer made up because a chain grew past its own limit (it cuts the parse
 *  stack near 300 left-associative reductions, where Python goes on). */
export function treeDepthError(tree: Tree): PyException | null {
	let depth = 0;
	let maxDepth = 0;
	let deepest: { from: number; to: number } | null = null;
	let firstError: { from: number; to: number } | null = null;
	tree.iterate({
		enter: (n) => {
			if (deepest) return false;
			if (n.type.isError && !firstError)
				firstError = { from: n.from, to: Math.max(n.to, n.from + 1) };
			if (++depth > maxDepth) maxDepth = depth;
			if (depth > MAX_TREE_DEPTH) {
				deepest = { from: n.from, to: Math.max(n.to, n.from + 1) };
				return false;
			}
			return undefined;
		},
		leave: () => {
			depth--;
		}
	});
	if (deepest) {
		return new PyException(
			'RecursionError',
			'maximum recursion depth exceeded during compilation',
			deepest
		);
	}
	if (firstError && maxDepth > LEZER_CHAIN_DEPTH) {
		return new PyException(
			'SyntaxError',
			`this expression nests ${maxDepth} levels deep, more than the playground's Python parser follows (Python itself would parse it). Split it into several statements.`,
			firstError
		);
	}
	return null;
}

/** Parses with lezer-python inside the nesting limits: the tree, or Python's error for the
 *  first limit crossed (CPython's own message when even the parser gives up). */
export function parseWithLimits(src: string): { tree: Tree } | { error: PyException } {
	const brackets = bracketNestingError(src);
	if (brackets) return { error: brackets };
	let tree: Tree;
	try {
		tree = parser.parse(src);
	} catch (e) {
		if (!(e instanceof RangeError)) throw e;
		return {
			error: new PyException(
				'MemoryError',
				'Parser stack overflowed - Python source too complex to parse',
				{ from: 0, to: 1 }
			)
		};
	}
	const deep = treeDepthError(tree);
	return deep ? { error: deep } : { tree };
}
