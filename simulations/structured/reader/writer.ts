/**
 * The DataStreamWriter chain (`df.writeStream.outputMode(...).trigger(...).format(...)
 * .option(...).queryName(...).foreachBatch(fn).start()`) and the StreamingQuery it returns.
 * Output modes and triggers are validated with DataStreamWriter's own messages; the sink format
 * is recorded, not written to (the playground captures what the query emits).
 */
import type { Pos } from '../expr/ast';
import type { OutputMode, Trigger, WriteSpec } from '../plan';
import { arg, need, noMore, optionString, strOf, type Arg, type Args } from './args';
import { fail } from './errors';
import { parseCalendarInterval } from '../expr/duration';
import type { ReaderState } from './state';
import { describe, NONE, type PyValue } from './values';

type Writer = PyValue & { t: 'writer' };

export const newWriter = (plan: Writer['plan'], at: Pos): Writer => ({
	t: 'writer',
	plan,
	spec: { outputMode: 'append', trigger: { kind: 'default' }, format: '', options: {}, at }
});

const with_ = (w: Writer, spec: Partial<WriteSpec>): Writer => ({
	...w,
	spec: { ...w.spec, ...spec }
});

function outputMode(x: Arg): OutputMode {
	const m = strOf(x, 'outputMode').toLowerCase();
	if (m === 'append' || m === 'update' || m === 'complete') return m;
	return fail(
		x.at,
		`Unknown output mode ${strOf(x, 'outputMode')}. Accepted output modes are 'append', 'complete', 'update'`
	);
}

/** A trigger interval string → ms (Trigger.ProcessingTime / Trigger.Continuous parsing). */
function intervalMs(x: Arg): number {
	const text = strOf(x, 'interval');
	const r = parseCalendarInterval(text);
	if (!r.ok) return fail(x.at, r.error);
	if (r.value.months !== 0) return fail(x.at, `Doesn't support month or year interval: ${text}`);
	const us = r.value.days * 86_400_000_000 + r.value.microseconds;
	if (us < 0)
		return fail(x.at, 'requirement failed: the interval of trigger should not be negative');
	return Math.floor(us / 1000);
}

/** PySpark 4's DataStreamWriter.trigger argument rules (R1.4.8). */
function trigger(a: Args): Trigger {
	noMore(a, 0, ['processingTime', 'once', 'continuous', 'availableNow']);
	const given = [...a.kw.entries()];
	if (given.length !== 1)
		return fail(a.at, '[ONLY_ALLOW_SINGLE_TRIGGER] Only a single trigger is allowed.');
	const [kind, x] = given[0] ?? ['', { v: NONE, at: a.at }];
	switch (kind) {
		case 'processingTime':
		case 'continuous': {
			if (x.v.t !== 'str' || x.v.v.trim() === '')
				return fail(
					x.at,
					`[VALUE_NOT_NON_EMPTY_STR] Value for \`${kind}\` must be a non-empty string, got '${describe(x.v)}'.`
				);
			const intervalMsV = intervalMs(x);
			return kind === 'processingTime'
				? { kind: 'processingTime', intervalMs: intervalMsV }
				: { kind: 'continuous', intervalMs: intervalMsV };
		}
		default:
			if (x.v.t !== 'bool' || !x.v.v)
				return fail(
					x.at,
					`[VALUE_NOT_ALLOWED] Value for \`${kind}\` has to be amongst the following values: [True].`
				);
			return { kind: kind === 'once' ? 'once' : 'availableNow' };
	}
}

export function writerMethod(st: ReaderState, w: Writer, name: string, a: Args): PyValue {
	switch (name) {
		case 'outputMode':
			noMore(a, 1, ['outputMode']);
			return with_(w, { outputMode: outputMode(need(a, 0, 'outputMode')), outputModeAt: a.at });
		case 'trigger':
			return with_(w, { trigger: trigger(a), triggerAt: a.at });
		case 'format':
			return with_(w, { format: strOf(need(a, 0, 'source'), 'format') });
		case 'option':
			return with_(w, {
				options: {
					...w.spec.options,
					[strOf(need(a, 0, 'key'), 'key')]: optionString(need(a, 1, 'value'))
				}
			});
		case 'options': {
			const options: Record<string, string> = { ...w.spec.options };
			for (const [k, v] of a.kw) options[k] = optionString(v);
			return with_(w, { options });
		}
		case 'queryName':
			return with_(w, { queryName: strOf(need(a, 0, 'queryName'), 'queryName') });
		case 'foreachBatch': {
			const f = need(a, 0, 'func');
			if (f.v.t !== 'def')
				return fail(f.at, 'foreachBatch expects a function defined with `def` in the program');
			return with_(w, {
				foreachBatch: f.v.name,
				format: 'foreachBatch',
				...(f.v.py ? { foreachBatchFn: f.v.py } : {})
			});
		}
		case 'partitionBy':
		case 'clusterBy':
			return w;
		case 'start':
		case 'toTable': {
			const p = arg(a, 0, name === 'start' ? 'path' : 'tableName');
			const options = p && p.v.t === 'str' ? { ...w.spec.options, path: p.v.v } : w.spec.options;
			const spec: WriteSpec = {
				...w.spec,
				options,
				format: w.spec.format || (name === 'toTable' ? 'table' : 'parquet')
			};
			const query = { plan: w.plan, write: spec, conf: { ...st.conf } };
			if (st.live) {
				// A live host runs it now; a test may stop it and start it again (a restart).
				st.queries.push({ query, at: a.at });
				return { t: 'query', query, handle: st.live.start(query, a.at) };
			}
			if (st.queries.length > 0 && !st.manyQueries)
				return fail(
					a.at,
					'the playground engine runs one streaming query per program',
					'Keep a single writeStream ... .start() chain.'
				);
			st.queries.push({ query, at: a.at });
			return { t: 'query', query };
		}
		case 'foreach':
			return fail(
				a.at,
				'`foreach` sinks are not supported by the playground engine',
				'Use foreachBatch(fn) or a format such as "console" or "memory".'
			);
	}
	return fail(
		a.at,
		`\`DataStreamWriter.${name}\` is not supported by the playground engine`,
		'Supported: outputMode, trigger, format, option, options, queryName, foreachBatch, partitionBy, start, toTable.'
	);
}

export function queryMethod(name: string, a: Args): PyValue {
	switch (name) {
		case 'awaitTermination':
		case 'processAllAvailable':
		case 'stop':
		case 'explain':
			return NONE;
	}
	return fail(
		a.at,
		`\`StreamingQuery.${name}\` is not supported by the playground engine`,
		'Supported: awaitTermination, processAllAvailable, stop, explain.'
	);
}
