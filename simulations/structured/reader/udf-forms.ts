/**
 * The ways a program makes a Python UDF, as PySpark's `udf` (python/pyspark/sql/functions,
 * udf.py) and `pandas_udf` (sql/pandas/functions.py) accept them:
 *
 * - `udf(f, returnType)` / `udf(f, returnType, useArrow=True)`: a function now;
 * - `udf(returnType=...)`, `udf(DoubleType())`, `udf("double", useArrow=True)`, bare `@udf`:
 *   the decorator (functools.partial) that makes one from the `def` below it;
 * - `pandas_udf(f, returnType)`, `pandas_udf(DoubleType())`, `pandas_udf("double")`: the same
 *   for a pandas UDF, whose kind PySpark infers from the type hints: only Series -> Series
 *   (a scalar pandas UDF) is modelled;
 * - `.asNondeterministic()` on any of them.
 */
import type { DataType } from '../expr/ast';
import type { FunctionHints, PyFunction } from '../../python/values';
import { arg, noMore, type Arg, type Args } from './args';
import { fail } from './errors';
import { parseTypeText } from './sparktypes';
import { describe, type PyValue } from './values';

export type UdfEvalType = 'python' | 'arrow' | 'pandas';

/** What `udf(...)`/`pandas_udf(...)` without a function returns: the decorator. */
export interface UdfDecorator {
	readonly t: 'udfDecorator';
	readonly api: 'udf' | 'pandas_udf';
	readonly returnType: DataType;
	readonly evalType: UdfEvalType;
}

const STRING: DataType = { kind: 'string' };

const isTypeArg = (x: Arg | undefined): boolean => x?.v.t === 'dtype' || x?.v.t === 'str';

function returnTypeOf(x: Arg, api: string): DataType {
	if (x.v.t === 'dtype') return x.v.type;
	if (x.v.t === 'str')
		return parseTypeText(x.v.v) ?? fail(x.at, `${api}(): cannot parse the return type "${x.v.v}"`);
	return fail(
		x.at,
		`${api}(): returnType must be a DataType or a DDL string, not ${describe(x.v)}`
	);
}

/** `udf(f=None, returnType=StringType(), *, useArrow=None)`. */
export function udfOf(a: Args): PyValue | UdfDecorator {
	noMore(a, 2, ['f', 'returnType', 'useArrow']);
	const f = arg(a, 0, 'f');
	const flag = a.kw.get('useArrow');
	if (flag && flag.v.t !== 'bool' && flag.v.t !== 'none')
		fail(flag.at, `udf(): useArrow must be a bool or None, not ${describe(flag.v)}`);
	const evalType: UdfEvalType = flag?.v.t === 'bool' && flag.v.v ? 'arrow' : 'python';
	const rt = arg(a, 1, 'returnType');
	// A DataType or DDL string in f's place is the return type of a decorator (PySpark's check).
	if (f === undefined || isTypeArg(f)) {
		const given = f ?? rt;
		return {
			t: 'udfDecorator',
			api: 'udf',
			returnType: given ? returnTypeOf(given, 'udf') : STRING,
			evalType
		};
	}
	return makeUdf(
		{ t: 'udfDecorator', api: 'udf', returnType: rt ? returnTypeOf(rt, 'udf') : STRING, evalType },
		f
	);
}

/** `pandas_udf(f=None, returnType=None, functionType=None)`. */
export function pandasUdfOf(a: Args): PyValue | UdfDecorator {
	noMore(a, 3, ['f', 'returnType', 'functionType']);
	const ft = arg(a, 2, 'functionType');
	if (ft && ft.v.t !== 'none')
		fail(
			ft.at,
			'pandas_udf(): functionType (PandasUDFType) is not supported by the playground engine',
			'Give the function type hints instead: def f(s: pd.Series) -> pd.Series.'
		);
	const f = arg(a, 0, 'f');
	const decorator = f === undefined || isTypeArg(f);
	const rt = decorator ? (f ?? arg(a, 1, 'returnType')) : arg(a, 1, 'returnType');
	if (!rt || rt.v.t === 'none')
		return fail(a.at, '[CANNOT_BE_NONE] Argument `returnType` cannot be None.');
	const spec: UdfDecorator = {
		t: 'udfDecorator',
		api: 'pandas_udf',
		returnType: returnTypeOf(rt, 'pandas_udf'),
		evalType: 'pandas'
	};
	return decorator ? spec : makeUdf(spec, f);
}

/** The UDF a decorator (or a direct call) makes of a Python function. */
export function makeUdf(spec: UdfDecorator, f: Arg): PyValue {
	if (f.v.t !== 'def' || !f.v.py)
		return fail(
			f.at,
			`[NOT_CALLABLE] Argument \`f\` should be a callable, got ${describe(f.v)}.`,
			'Pass a def or a lambda of the program.'
		);
	if (spec.api === 'pandas_udf') checkSeriesHints(f.v.py, f);
	return {
		t: 'udf',
		name: f.v.name,
		returnType: spec.returnType,
		py: f.v.py,
		evalType: spec.evalType,
		deterministic: true
	};
}

const SERIES = /^(pd\.|pandas\.)?Series$/;

/** PySpark infers a pandas UDF's kind from its hints (infer_eval_type); this engine runs the
 *  scalar Series -> Series kind. */
function checkSeriesHints(py: PyFunction, f: Arg): void {
	const h: FunctionHints = py.hints ?? { params: [], returns: null };
	const sig = signature(h);
	if (h.params.some((p) => p.hint === null))
		fail(
			f.at,
			`[TYPE_HINT_SHOULD_BE_SPECIFIED] Type hints for all parameters should be specified; however, got ${sig}.`
		);
	if (h.returns === null)
		fail(
			f.at,
			`[TYPE_HINT_SHOULD_BE_SPECIFIED] Type hints for the return type should be specified; however, got ${sig}.`
		);
	if (h.params.length === 0)
		fail(
			f.at,
			'[INVALID_PANDAS_UDF] Invalid function: 0-arg pandas_udfs are not supported. Instead, create a 1-arg pandas_udf and ignore the arg in your function.'
		);
	if (!h.params.every((p) => SERIES.test(p.hint ?? '')) || !SERIES.test(h.returns ?? ''))
		fail(
			f.at,
			`pandas_udf: the type hints ${sig} are not supported by the playground engine`,
			'Supported: a scalar pandas UDF, def f(s: pd.Series, ...) -> pd.Series.'
		);
}

/** str(inspect.signature(f)) with pandas' Series spelled as Python prints the class. */
function signature(h: FunctionHints): string {
	const t = (x: string) => (SERIES.test(x) ? 'pandas.core.series.Series' : x);
	const ps = h.params.map((p) => (p.hint === null ? p.name : `${p.name}: ${t(p.hint)}`));
	return `(${ps.join(', ')})${h.returns === null ? '' : ` -> ${t(h.returns)}`}`;
}

/** Methods of a UDF object the engine models. */
export function udfMethod(u: PyValue & { t: 'udf' }, name: string, a: Args): PyValue {
	if (name === 'asNondeterministic') {
		noMore(a, 0);
		return { ...u, deterministic: false };
	}
	return fail(
		a.at,
		`'UserDefinedFunction' object has no method '${name}' the playground engine models`,
		'Supported: calling the UDF on columns, asNondeterministic().'
	);
}
