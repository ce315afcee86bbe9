// try/except/else/finally, raise, assert and generator functions in the Python subset: user
// functions handed to applyInPandasWithState, StatefulProcessors and foreachBatch use them.
import { describe, expect, it } from 'vitest';
import { evalPython, repr, runPython } from '../../../simulations/python/index';

const run = (src: string, name = 'out') => {
	const r = runPython(src);
	if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
	return repr(r.value.get(name) ?? null);
};
const error = (src: string) => {
	const r = evalPython(src);
	if (r.ok) throw new Error(`expected an error, got ${repr(r.value)}`);
	return r.error;
};

describe('exceptions', () => {
	it('catches by class with the CPython hierarchy and binds the instance', () => {
		expect(
			run(`
out = []
try:
    {}["k"]
except LookupError as e:
    out.append("lookup")
try:
    raise RuntimeError("no watermark")
except (ValueError, RuntimeError) as e:
    out.append(str(e))
try:
    x = 1
except Exception:
    out.append("never")
else:
    out.append("else")
finally:
    out.append("finally")
`)
		).toBe("['lookup', 'no watermark', 'else', 'finally']");
	});
	it('an exception no clause catches propagates with its position', () => {
		expect(error('try:\n    1 // 0\nexcept KeyError:\n    pass')).toMatchObject({ line: 2 });
		expect(error('raise Exception("expected failure")').message).toBe(
			'Exception: expected failure'
		);
	});
	it('a bare raise re-raises, assert fails with its message', () => {
		expect(error('try:\n    raise ValueError("v")\nexcept ValueError:\n    raise').message).toBe(
			'ValueError: v'
		);
		expect(error('assert 1 == 2, "not equal"')).toMatchObject({
			line: 1,
			message: 'AssertionError: not equal'
		});
	});
	it('never catches the simulator refusing a construct', () => {
		expect(error('try:\n    del x\nexcept Exception:\n    pass').message).toContain(
			'outside the Python subset'
		);
	});
});

describe('generator functions', () => {
	it('yield values in order, with side effects between them in program order', () => {
		expect(
			run(`
log = []
def gen(n):
    for i in range(n):
        log.append(i)
        yield i * 10
    yield from [7, 8]
out = (list(gen(3)), log, sum(x for x in gen(2)))
`)
		).toBe('([0, 10, 20, 7, 8], [0, 1, 2, 0, 1], 25)');
	});
});
