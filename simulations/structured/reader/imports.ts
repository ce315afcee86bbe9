/**
 * Import statements. The reader knows `pyspark.sql.functions` (usually `F`),
 * `pyspark.sql.types`, `SparkSession`, and the pyspark names a streaming program imports for
 * typing only (DataFrame, Column, Row, ...). Other modules (`time`, `json`, ...) may be imported;
 * only using them is reported, at the use.
 */
import type { SyntaxNode } from '@lezer/common';
import { fail } from './errors';
import { F_NAMES } from './functions';
import type { ReaderSession } from './session';
import { TYPE_NAMES } from './sparktypes';
import type { PyValue } from './values';
import { pythonStateSupport } from '../python-state-support';
import { noOpBase } from '../../python/classes';

/** pyspark.sql.streaming.StreamingQueryListener: a base whose callbacks do nothing (a subclass
 *  overrides the ones it wants; onQueryIdle is optional since 3.5). */
const QUERY_LISTENER = noOpBase('StreamingQueryListener', [
	'onQueryStarted',
	'onQueryProgress',
	'onQueryIdle',
	'onQueryTerminated'
]);

const foreign = (name: string): PyValue => ({ t: 'fn', module: 'pyspark', name });

/** Python libraries a user function may use (pandas, numpy, calendar...), and the pyspark names
 *  of arbitrary state (GroupState, GroupStateTimeout, StatefulProcessor...). */
const library = (path: string): PyValue | undefined => {
	const m = pythonStateSupport()?.libraryModules.get(path);
	return m ? { t: 'py', value: m, type: 'module' } : undefined;
};

function moduleValue(path: string, local: string, host?: ReadonlyMap<string, unknown>): PyValue {
	const given = host?.get(path);
	if (given !== undefined) return { t: 'py', value: given, type: 'module' };
	const lib = library(path);
	if (lib) return lib;
	if (path === 'pyspark.sql.functions') return { t: 'module', name: 'F' };
	if (path === 'pyspark.sql.types') return { t: 'module', name: 'types' };
	if (path === 'pyspark.sql') return { t: 'module', name: 'sql' };
	if (path === 'pyspark') return { t: 'module', name: 'pyspark' };
	return foreign(local);
}

function member(path: string, name: string): PyValue {
	const support = pythonStateSupport();
	const stateName = support?.stateNames.get(name);
	if (stateName && path.startsWith('pyspark.sql.streaming'))
		return { t: 'py', value: stateName, type: 'type' };
	if (name === 'StreamingQueryListener' && path.startsWith('pyspark.sql.streaming'))
		return { t: 'py', value: QUERY_LISTENER, type: 'type' };
	const lib = support?.libraryModules.get(path)?.attrs.get(name);
	if (lib !== undefined) return { t: 'py', value: lib, type: 'builtin' };
	if (path === 'pyspark.sql.functions') return { t: 'fn', module: 'F', name };
	if (path === 'pyspark.sql.types') return { t: 'fn', module: 'types', name };
	if (path === 'pyspark.sql' || path === 'pyspark.sql.session') {
		if (name === 'functions') return { t: 'module', name: 'F' };
		if (name === 'types') return { t: 'module', name: 'types' };
		if (name === 'SparkSession') return { t: 'module', name: 'SparkSession' };
	}
	return foreign(name);
}

/** Binds the names an import statement brings in, into `env`. */
export function importStatement(w: ReaderSession, env: Map<string, PyValue>, n: SyntaxNode): void {
	const toks: { text: string; node: SyntaxNode }[] = [];
	for (let c = n.firstChild; c; c = c.nextSibling) toks.push({ text: w.src(c), node: c });
	if (toks[0]?.text === 'from') {
		const importAt = toks.findIndex((t) => t.text === 'import');
		if (importAt < 0) return fail(w.pos(n), 'Python syntax error');
		const path = toks
			.slice(1, importAt)
			.map((t) => t.text)
			.join('');
		const rest = toks.slice(importAt + 1).filter((t) => t.text !== '(' && t.text !== ')');
		for (let i = 0; i < rest.length; i++) {
			const t = rest[i];
			if (!t || t.text === ',') continue;
			if (t.text === '*') {
				const names =
					path === 'pyspark.sql.functions'
						? F_NAMES
						: path === 'pyspark.sql.types'
							? TYPE_NAMES
							: null;
				if (!names)
					return fail(
						w.pos(t.node),
						`\`from ${path} import *\` is not supported by the playground engine`
					);
				for (const name of names) env.set(name, member(path, name));
				continue;
			}
			let local = t.text;
			if (rest[i + 1]?.text === 'as' && rest[i + 2]) {
				local = rest[i + 2]?.text ?? local;
				i += 2;
			}
			env.set(local, member(path, t.text));
		}
		return;
	}
	// import a.b.c [as x], d
	const items: string[][] = [[]];
	for (const t of toks.slice(1)) {
		if (t.text === ',') items.push([]);
		else items[items.length - 1]?.push(t.text);
	}
	for (const item of items) {
		const asAt = item.indexOf('as');
		const path = (asAt >= 0 ? item.slice(0, asAt) : item).join('');
		if (asAt >= 0)
			env.set(item[asAt + 1] ?? path, moduleValue(path, item[asAt + 1] ?? path, w.state.modules));
		else {
			const head = path.split('.')[0] ?? path;
			env.set(head, moduleValue(head, head, w.state.modules));
		}
	}
}
