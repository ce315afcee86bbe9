/**
 * Attribute access, subscripts and calls, dispatched on what the receiver is: a pyspark module,
 * the SparkSession (and its builder, conf, readStream), a DataFrame, GroupedData, a Column, a
 * DataStreamWriter or a StreamingQuery. Each family lives in its own module; this one routes and
 * reports receivers the engine does not model.
 */
import { batchWriterMethod } from './batch-writer';
import type { Pos } from '../expr/ast';
import { planTag } from '../analyzer/tags';
import { arg, literal, optionString, strOf, type Arg, type Args } from './args';
import { columnMethod } from './columns';
import { dataFrameAttr, dataFrameMethod, groupedMethod } from './dataframe';
import { fail } from './errors';
import { callF } from './functions';
import { qualifiedColumn } from './projection';
import { readStreamMethod, sessionMethod } from './sources';
import { callType } from './sparktypes';
import type { ReaderState } from './state';
import { describe, NONE, type PyValue } from './values';
import { udfMethod } from './udf-forms';
import { queryMethod, writerMethod } from './writer';

const QUERY_ATTRS = [
	'id',
	'runId',
	'name',
	'status',
	'lastProgress',
	'recentProgress',
	'isActive',
	'exception'
];

export function getAttr(st: ReaderState, obj: PyValue, name: string, at: Pos): PyValue {
	switch (obj.t) {
		case 'module':
			return moduleAttr(obj.name, name, at);
		case 'fn':
			if (obj.module === 'pyspark')
				return { t: 'fn', module: 'pyspark', name: `${obj.name}.${name}` };
			return fail(at, `'${describe(obj)}' has no attribute '${name}'`);
		case 'df':
			return dataFrameAttr(st, obj, name, at);
		case 'column':
			return { t: 'column', expr: { kind: 'field', expr: obj.expr, field: name, at } };
		case 'builder':
			return { t: 'builder' };
		case 'query':
			if (obj.handle !== undefined && st.live) return st.live.attr(obj.handle, name, at);
			// Monitoring attributes read after start(): the playground shows progress itself.
			if (QUERY_ATTRS.includes(name)) return NONE;
			return fail(
				at,
				`'StreamingQuery' object has no attribute '${name}' the playground engine models`
			);
		default:
			return fail(
				at,
				`'${describe(obj)}' object has no attribute '${name}' the playground engine models`
			);
	}
}

function moduleAttr(mod: string, name: string, at: Pos): PyValue {
	switch (mod) {
		case 'F':
			return { t: 'fn', module: 'F', name };
		case 'types':
			return { t: 'fn', module: 'types', name };
		case 'pyspark':
			return name === 'sql' ? { t: 'module', name: 'sql' } : { t: 'fn', module: 'pyspark', name };
		case 'sql':
			if (name === 'functions') return { t: 'module', name: 'F' };
			if (name === 'types') return { t: 'module', name: 'types' };
			if (name === 'SparkSession') return { t: 'module', name: 'SparkSession' };
			return { t: 'fn', module: 'pyspark', name };
		case 'SparkSession':
			if (name === 'builder') return { t: 'builder' };
			return fail(
				at,
				`\`SparkSession.${name}\` is not supported by the playground engine`,
				'Create the session with SparkSession.builder...getOrCreate().'
			);
		case 'spark':
			if (name === 'readStream')
				return { t: 'readStream', format: '', options: {}, schema: null, streaming: true };
			if (name === 'read')
				return { t: 'readStream', format: '', options: {}, schema: null, streaming: false };
			if (name === 'conf') return { t: 'module', name: 'conf' };
			if (name === 'streams') return { t: 'module', name: 'streams' };
			return fail(
				at,
				`\`spark.${name}\` is not supported by the playground engine`,
				'Supported: spark.readStream, spark.read, spark.conf.set, spark.range, spark.createDataFrame.'
			);
		default:
			return fail(at, `module has no attribute '${name}' the playground engine models`);
	}
}

export function subscript(st: ReaderState, obj: PyValue, idx: Arg, at: Pos): PyValue {
	if (obj.t === 'df') {
		if (idx.v.t === 'str') return { t: 'column', expr: qualifiedColumn(st, obj, idx.v.v, idx.at) };
		if (idx.v.t === 'num' && idx.v.int) {
			const schema = st.resolver.resolve(obj.plan).schema;
			const f = schema[idx.v.v] ?? fail(idx.at, `column index ${idx.v.v} out of range`);
			return {
				t: 'column',
				expr: { kind: 'col', name: f.name, qualifier: planTag(obj.plan), at: idx.at }
			};
		}
		if (idx.v.t === 'column')
			return dataFrameMethod(st, obj, 'filter', { pos: [idx], kw: new Map(), at, name: 'filter' });
	}
	if (obj.t === 'column') {
		if (idx.v.t === 'str')
			return { t: 'column', expr: { kind: 'field', expr: obj.expr, field: idx.v.v, at: idx.at } };
		if (idx.v.t === 'num' && idx.v.int) {
			const one = literal({ t: 'num', v: idx.v.v + 1, int: true }, idx.at);
			if (one)
				return { t: 'column', expr: { kind: 'call', fn: 'element_at', args: [obj.expr, one], at } };
		}
	}
	if (obj.t === 'list' && idx.v.t === 'num' && idx.v.int) {
		const i = idx.v.v < 0 ? obj.items.length + idx.v.v : idx.v.v;
		return obj.items[i] ?? fail(idx.at, 'list index out of range');
	}
	if (obj.t === 'dict') {
		for (const [k, v] of obj.entries)
			if (k.t === idx.v.t && 'v' in k && 'v' in idx.v && k.v === idx.v.v) return v;
		return fail(idx.at, 'KeyError');
	}
	return fail(at, `'${describe(obj)}' object is not subscriptable here`);
}

export function callValue(fn: PyValue, a: Args): PyValue {
	if (fn.t === 'fn') {
		if (fn.module === 'F') return callF(fn.name, a);
		if (fn.module === 'types') return callType(fn.name, a);
		return fail(
			a.at,
			`\`${fn.name}\` is not supported by the playground engine`,
			'Programs may use pyspark.sql (SparkSession, functions, types) and plain constants.'
		);
	}
	return fail(a.at, `'${describe(fn)}' object is not callable`);
}

export function callMethod(st: ReaderState, obj: PyValue, name: string, a: Args): PyValue {
	switch (obj.t) {
		case 'module':
			if (obj.name === 'spark') return sessionMethod(st, name, a);
			if (obj.name === 'conf') return confMethod(st, name, a);
			if (obj.name === 'streams') {
				if (name === 'awaitAnyTermination' || name === 'resetTerminated') return NONE;
				if (name === 'addListener' || name === 'removeListener') return listen(st, name, a);
				return fail(
					a.at,
					`\`spark.streams.${name}\` is not supported by the playground engine`,
					'Supported: spark.streams.addListener, removeListener, awaitAnyTermination.'
				);
			}
			return callValue(moduleAttr(obj.name, name, a.at), a);
		case 'fn':
			return callValue(getAttr(st, obj, name, a.at), a);
		case 'builder':
			return builderMethod(st, name, a);
		case 'readStream':
			return readStreamMethod(st, obj, name, a);
		case 'df':
			return dataFrameMethod(st, obj, name, a);
		case 'grouped':
			return groupedMethod(st, obj, name, a);
		case 'column':
			return columnMethod(obj.expr, name, a);
		case 'writer':
			return writerMethod(st, obj, name, a);
		case 'batchWriter':
			return batchWriterMethod(obj, name, a);
		case 'query':
			if (obj.handle !== undefined && st.live) return st.live.method(obj.handle, name, a);
			return queryMethod(name, a);
		case 'udf':
			return udfMethod(obj, name, a);
		default:
			return fail(
				a.at,
				`'${describe(obj)}' object has no method '${name}' the playground engine models`
			);
	}
}

/** spark.streams.addListener / removeListener: the host calls the listener's callbacks as the
 *  query runs (a page's run); removing one that was never added does nothing, as in Spark. */
function listen(st: ReaderState, name: string, a: Args): PyValue {
	const l = arg(a, 0, 'listener') ?? fail(a.at, `${name}() missing 'listener'`);
	const obj = l.v.t === 'py' ? l.v.value : null;
	if (obj === null)
		return fail(
			l.at,
			`${name}() takes a StreamingQueryListener, got ${describe(l.v)}`,
			'Subclass pyspark.sql.streaming.StreamingQueryListener and pass an instance.'
		);
	const list = st.listeners;
	if (!list) return NONE;
	if (name === 'addListener') list.push(obj);
	else if (list.includes(obj)) list.splice(list.indexOf(obj), 1);
	return NONE;
}

function builderMethod(st: ReaderState, name: string, a: Args): PyValue {
	switch (name) {
		case 'appName':
		case 'master':
		case 'enableHiveSupport':
			return { t: 'builder' };
		case 'config': {
			const k = arg(a, 0, 'key');
			const v = arg(a, 1, 'value');
			if (k && v) st.conf[strOf(k, 'key')] = optionString(v);
			return { t: 'builder' };
		}
		case 'getOrCreate':
			return { t: 'module', name: 'spark' };
	}
	return fail(
		a.at,
		`\`SparkSession.builder.${name}\` is not supported by the playground engine`,
		'Supported: appName, master, config, getOrCreate.'
	);
}

function confMethod(st: ReaderState, name: string, a: Args): PyValue {
	if (name === 'set') {
		const k = strOf(arg(a, 0, 'key') ?? fail(a.at, "conf.set() missing 'key'"), 'key');
		st.conf[k] = optionString(arg(a, 1, 'value') ?? fail(a.at, "conf.set() missing 'value'"));
		return NONE;
	}
	if (name === 'get') {
		const k = strOf(arg(a, 0, 'key') ?? fail(a.at, "conf.get() missing 'key'"), 'key');
		const v = st.conf[k];
		return v === undefined ? (arg(a, 1, 'default')?.v ?? NONE) : { t: 'str', v };
	}
	return fail(
		a.at,
		`\`spark.conf.${name}\` is not supported by the playground engine`,
		'Supported: spark.conf.set, spark.conf.get.'
	);
}
