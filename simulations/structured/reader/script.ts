/**
 * The module level of a Structured Streaming program, run statement by statement on the Python
 * interpreter. A streaming script is straight-line: imports, assignments, `def`s and classes
 * (helpers, and the Python data sources the next engine features read), expression statements,
 * an optional `if __name__ == "__main__":` wrapper. Those statements run (and a
 * `def`'s body may use anything the interpreter runs: loops, conditionals, comprehensions);
 * other statements at module level are reported where they are written, as before, so a program
 * that does not read as a streaming script fails with a located sentence and not halfway through.
 * Imports are the reader's: it knows which pyspark names it models.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Interpreter } from '../../python/interpreter';
import type { Scope } from '../../python/expressions';
import { fail } from './errors';
import { toPy } from './host';
import { importStatement } from './imports';
import { kids, type ReaderSession } from './session';
import type { PyValue } from './values';

const STATEMENTS =
	'imports, assignments, `def` (a function the program calls, or passes to foreachBatch or udf), `class`, ' +
	'expression statements such as `spark.conf.set(...)` and `query.awaitTermination()`; ' +
	'inside a `def`, loops, conditionals and the rest of the Python subset run';

export function runScript(
	s: ReaderSession,
	interp: Interpreter,
	globals: Scope,
	top: SyntaxNode
): void {
	interp.resetBudget();
	for (let n = top.firstChild; n; n = n.nextSibling) {
		// lezer-python accepts a stray indent; Python does not.
		if (n.name !== 'Comment' && s.pos(n).column !== 1)
			fail(s.pos(n), 'IndentationError: unexpected indent');
		statement(s, interp, globals, n);
	}
}

function statement(s: ReaderSession, interp: Interpreter, globals: Scope, n: SyntaxNode): void {
	switch (n.name) {
		case 'Comment':
		case 'PassStatement':
		case ';':
			return;
		case 'ImportStatement': {
			const env = new Map<string, PyValue>();
			importStatement(s, env, n);
			for (const [k, v] of env) globals.vars.set(k, toPy(v, s));
			return;
		}
		case 'AssignStatement':
			checkAssign(s, n);
			interp.execStatement(n, globals);
			return;
		// Decorators run as Python does (`@udf(...)`, `@pandas_udf(...)`, a test bench's
		// `@pytest.fixture`); one the host does not know fails where it is called.
		case 'ExpressionStatement':
		case 'FunctionDefinition':
		case 'DecoratedStatement':
		case 'ClassDefinition':
			interp.execStatement(n, globals);
			return;
		case 'IfStatement':
			return ifMain(s, interp, globals, n);
		case '⚠':
			return fail(s.pos(n), 'Python syntax error');
		default:
			return fail(
				s.pos(n),
				`${statementName(n.name)} are not supported by the playground engine`,
				`Supported statements: ${STATEMENTS}.`
			);
	}
}

/** `if __name__ == "__main__":` wraps the whole program in many scripts: run its body. */
function ifMain(s: ReaderSession, interp: Interpreter, globals: Scope, n: SyntaxNode): void {
	const cond = n.getChild('BinaryExpression');
	const body = n.getChild('Body');
	if (
		!cond ||
		!body ||
		!/^__name__\s*==\s*["']__main__["']$/.test(s.src(cond)) ||
		n.getChild('else') ||
		n.getChild('elif')
	)
		return fail(
			s.pos(n),
			'`if` statements are not supported by the playground engine',
			`Supported statements: ${STATEMENTS}.`
		);
	for (let c = body.firstChild; c; c = c.nextSibling)
		if (c.name !== ':') statement(s, interp, globals, c);
}

function checkAssign(s: ReaderSession, n: SyntaxNode): void {
	const parts = kids(n);
	if (parts.some((k) => (k.name === 'AssignOp' || k.name === 'UpdateOp') && s.src(k) !== '='))
		fail(s.pos(n), 'augmented assignment (`+=`, ...) is not supported by the playground engine');
	if (parts.some((k) => k.name === 'TypeDef'))
		fail(s.pos(n), 'type annotations are not supported by the playground engine');
}

function statementName(name: string): string {
	const map: Readonly<Record<string, string>> = {
		DecoratedStatement: 'decorators (such as `@F.udf`)',
		ForStatement: '`for` loops',
		WhileStatement: '`while` loops',
		TryStatement: '`try` statements',
		WithStatement: '`with` statements',
		ReturnStatement: '`return` statements outside a function',
		RaiseStatement: '`raise` statements',
		AssertStatement: '`assert` statements',
		DeleteStatement: '`del` statements',
		GlobalStatement: '`global` statements',
		MatchStatement: '`match` statements'
	};
	return map[name] ?? `\`${name.replace(/Statement$/, '').toLowerCase()}\` statements`;
}
