/**
 * `groupBy(...).applyInPandasWithState(func, outputStructType, stateStructType, outputMode,
 * timeoutConf)` and `groupBy(...).transformWithStateInPandas(statefulProcessor,
 * outputStructType, outputMode, timeMode)` (and the Row-based `transformWithState`): the user's
 * Python runs per key at execution time; here the call is read into a PythonState node with
 * PySpark's argument checks (output mode "append"/"update", the three timeouts, the time modes).
 */
import { PyFunction, PyHost, type PyValue as Py } from '../../python/values';
import type { Plan } from '../plan';
import { arg, need, noMore, strOf, type Args } from './args';
import { fail } from './errors';
import { schemaOf } from './sparktypes';
import { describe, type PyValue } from './values';
import type { ReaderState } from './state';

type Grouped = PyValue & { t: 'grouped' };

const TIMEOUTS = ['NoTimeout', 'ProcessingTimeTimeout', 'EventTimeTimeout'] as const;
const TIME_MODES: Record<string, (typeof TIMEOUTS)[number]> = {
	none: 'NoTimeout',
	processingtime: 'ProcessingTimeTimeout',
	eventtime: 'EventTimeTimeout'
};

function funcMode(a: Args, i: number): 'append' | 'update' {
	const x = need(a, i, 'outputMode');
	const m = strOf(x, 'outputMode').toLowerCase();
	if (m !== 'append' && m !== 'update')
		return fail(
			x.at,
			`[INVALID_ARGUMENT] outputMode of ${a.name} must be "Append" or "Update", got "${strOf(x, 'outputMode')}"`
		);
	return m;
}

export function pythonStateCall(st: ReaderState, g: Grouped, name: string, a: Args): PyValue {
	const df = (plan: Plan): PyValue => ({ t: 'df', plan });
	if (name === 'applyInPandasWithState') {
		noMore(a, 5, ['func', 'outputStructType', 'stateStructType', 'outputMode', 'timeoutConf']);
		const f = need(a, 0, 'func');
		const py = f.v.t === 'def' ? f.v.py : undefined;
		if (!(py instanceof PyFunction))
			return fail(
				f.at,
				`applyInPandasWithState expects a function defined with \`def\`, got ${describe(f.v)}`
			);
		const out = need(a, 1, 'outputStructType');
		const state = need(a, 2, 'stateStructType');
		const t = need(a, 4, 'timeoutConf');
		const timeout = TIMEOUTS.find((x) => x.toLowerCase() === strOf(t, 'timeoutConf').toLowerCase());
		if (!timeout)
			return fail(
				t.at,
				`timeoutConf must be one of ${TIMEOUTS.join(', ')} (GroupStateTimeout), got "${strOf(t, 'timeoutConf')}"`
			);
		return df({
			op: 'PythonState',
			child: g.plan,
			groupBy: g.groupBy,
			api: 'applyInPandasWithState',
			udf: py,
			outputSchema: schemaOf(out.v, out.at),
			stateSchema: schemaOf(state.v, state.at),
			funcOutputMode: funcMode(a, 3),
			timeout,
			src: st.text ?? '',
			at: a.at
		});
	}
	noMore(a, 5, [
		'statefulProcessor',
		'outputStructType',
		'outputMode',
		'timeMode',
		'initialState',
		'eventTimeColumnName'
	]);
	const p = need(a, 0, 'statefulProcessor');
	const proc = p.v.t === 'py' ? (p.v.value as Py) : null;
	if (!(proc instanceof PyHost) || proc.getAttr('handleInputRows') === undefined)
		return fail(
			p.at,
			`${name} expects an instance of a StatefulProcessor subclass, got ${describe(p.v)}`
		);
	if (arg(a, 4, 'initialState'))
		return fail(
			arg(a, 4, 'initialState')?.at ?? a.at,
			`${name}: initialState is not supported by the playground engine`
		);
	const out = need(a, 1, 'outputStructType');
	const tm = arg(a, 3, 'timeMode');
	const modeText = tm ? strOf(tm, 'timeMode') : 'None';
	const timeout = TIME_MODES[modeText.toLowerCase()];
	if (!timeout)
		return fail(
			tm?.at ?? a.at,
			`[STATEFUL_PROCESSOR_UNSUPPORTED_TIME_MODE] Unsupported time mode "${modeText}": use "None", "ProcessingTime" or "EventTime"`
		);
	return df({
		op: 'PythonState',
		child: g.plan,
		groupBy: g.groupBy,
		api: name === 'transformWithState' ? 'transformWithState' : 'transformWithStateInPandas',
		udf: proc,
		outputSchema: schemaOf(out.v, out.at),
		stateSchema: [],
		funcOutputMode: funcMode(a, 2),
		timeout,
		src: st.text ?? '',
		at: a.at
	});
}
