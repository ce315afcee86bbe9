// The Python-subset evaluator: values and results exactly as CPython 3.12 prints them, and every
// failure as a located error value.
import { describe, expect, it } from 'vitest';
import { evalPython, repr, runPython } from '../../../simulations/python/index';

const val = (src: string) => {
	const r = evalPython(src);
	if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
	return repr(r.value);
};
const error = (src: string) => {
	const r = evalPython(src);
	if (r.ok) throw new Error(`expected an error, got ${repr(r.value)}`);
	return r.error;
};

describe('arithmetic', () => {
	it('keeps int and float apart', () => {
		expect(
			val('7 // 2, -7 // 2, 7 % -2, -7 % 2, 1 / 2, 4 / 2, 2 ** 10, 2 ** -1, 7.0 // 2, -7.5 % 2')
		).toBe('(3, -4, -1, 1, 0.5, 2.0, 1024, 0.5, 3.0, 0.5)');
		expect(val('True + True, 3 * "ab", [0] * 3, (1,) + (2,), 0.1 + 0.2, 1e16, 1e-5, 123.0')).toBe(
			"(2, 'ababab', [0, 0, 0], (1, 2), 0.30000000000000004, 1e+16, 1e-05, 123.0)"
		);
	});
	it('reports Python runtime errors with their position', () => {
		expect(error('x = 1\ny = x // 0')).toMatchObject({
			line: 2,
			column: 5,
			message: 'ZeroDivisionError: integer division or modulo by zero'
		});
		expect(error('"a" + 1').message).toBe(
			"TypeError: unsupported operand type(s) for +: 'str' and 'int'"
		);
		expect(error('[1][3]').message).toBe('IndexError: list index out of range');
		expect(error('{"a": 1}["b"]').message).toBe("KeyError: 'b'");
		expect(error('int("x")').message).toBe(
			"ValueError: invalid literal for int() with base 10: 'x'"
		);
		expect(error('2 ** 60').message).toContain('OverflowError');
	});
});

describe('expressions', () => {
	it('comparisons chain and boolean operators return operands', () => {
		expect(
			val(
				'1 < 2 <= 2, 1 < 3 < 2, None or "x", 0 and 1, not [], 2 in [1, 2], "b" not in "abc", None is None'
			)
		).toBe("(True, False, 'x', 0, True, True, False, True)");
	});
	it('conditional expressions, lambdas, comprehensions, slicing', () => {
		expect(
			val(
				'f = lambda a, b=2: a * b\nf(3), f(3, b=4), (1 if 0 else 2), [x * x for x in range(4) if x % 2], "hello"[1:4], [1, 2, 3][::-1]'
			)
		).toBe("(6, 12, 2, [1, 9], 'ell', [3, 2, 1])");
		expect(val('{k: len(v) for k, v in [("a", "xy"), ("b", "")]}')).toBe("{'a': 2, 'b': 0}");
	});
	it('strings: methods, f-strings, % formatting, escapes', () => {
		expect(
			val(
				'"a,b,,c".split(","), "  a b ".split(), " x\\n".strip(), "-".join(["a", "b"]), "Ab".lower(), "ab".upper(), "abc".startswith("a"), "x".replace("x", "y")'
			)
		).toBe("(['a', 'b', '', 'c'], ['a', 'b'], 'x', 'a-b', 'ab', 'AB', True, 'y')");
		expect(
			val(
				'n = 3\nf"n={n} avg={7 / 2:.2f} {n!r}", "%s:%05.1f" % ("k", 2.25), "{} {x}".format(1, x=2)'
			)
		).toBe("('n=3 avg=3.50 3', 'k:002.2', '1 2')");
	});
	it('builtins', () => {
		expect(
			val(
				'len([1, 2]), sum([1, 2.5]), min([3, 1]), max(1, 5, key=lambda x: -x), sorted([3, 1, 2], reverse=True), abs(-2), round(2.5), round(2.675, 2)'
			)
		).toBe('(2, 3.5, 1, 1, [3, 2, 1], 2, 2, 2.67)');
		expect(
			val(
				'list(zip("ab", [1, 2])), list(enumerate("ab", 1)), tuple(map(str, [1, 2])), list(filter(None, [0, 1])), isinstance(2.0, float), str(None), float("1.5")'
			)
		).toBe("([('a', 1), ('b', 2)], [(1, 'a'), (2, 'b')], ('1', '2'), [1], True, 'None', 1.5)");
	});
	it('operator module', () => {
		expect(
			val('import operator\nfrom operator import add as plus\noperator.sub(5, 2), plus("a", "b")')
		).toBe("(3, 'ab')");
	});
});

describe('statements', () => {
	it('def with if/elif/else, loops and mutation', () => {
		const src = `def classify(xs):
    out = []
    for i, x in enumerate(xs):
        if x < 0:
            out.append("neg")
        elif x == 0:
            continue
        else:
            out.append(str(i))
        if len(out) > 2:
            break
    total = 0
    while total < 3:
        total += 1
    return out, total

classify([-1, 0, 5, 6, 7])`;
		expect(val(src)).toBe("(['neg', '2', '3'], 3)");
	});
	it('state update functions in PySpark style', () => {
		const src = `def update_total(new_amounts, state):
    count, total = state if state is not None else (0, 0.0)
    return (count + len(new_amounts), total + sum(new_amounts))

update_total([1.5, 2.5], None), update_total([], (2, 4.0))`;
		expect(val(src)).toBe('((2, 4.0), (2, 4.0))');
	});
	it('UnboundLocalError and NameError as CPython reports them', () => {
		expect(error('def f():\n    y = y + 1\nf()').message).toBe(
			"UnboundLocalError: cannot access local variable 'y' where it is not associated with a value"
		);
		expect(error('def f(x):\n    return z\nf(1)')).toMatchObject({
			line: 2,
			column: 12,
			message: "NameError: name 'z' is not defined"
		});
		expect(error('def f(x):\n    return x\nf()').message).toBe(
			"TypeError: f() missing 1 required positional argument: 'x'"
		);
	});
});

describe('classes', () => {
	it('instances, __init__, methods bound to self, class attributes, augmented attributes', () => {
		const src = `class Counter:
    step = 2

    def __init__(self, start):
        self.n = start

    def bump(self):
        self.n += Counter.step
        return self.n

c = Counter(1)
c.bump(), c.bump(), c.n`;
		expect(val(src)).toBe('(3, 5, 5)');
	});
	it('methods close over the module, not the class body', () => {
		expect(error('class A:\n    k = 1\n    def f(self):\n        return k\nA().f()').message).toBe(
			"NameError: name 'k' is not defined"
		);
	});
	it('inherits methods from a user base class', () => {
		expect(
			val('class A:\n    def f(self):\n        return 1\nclass B(A):\n    pass\nB().f()')
		).toBe('1');
	});
});

describe('outside the subset', () => {
	it('names the construct and what is supported, at its position', () => {
		const e = error('x = 1\ndel x\n');
		expect(e.line).toBe(2);
		expect(e.message).toBe('`del`: outside the Python subset the simulator runs');
		expect(e.supported).toContain('lambda');
		expect(error('with 1 as f:\n    pass').message).toBe(
			"TypeError: 'int' object does not support the context manager protocol"
		);
		expect(error('def f():\n    global g\nf()').message).toContain('global/nonlocal');
		expect(error('{1, 2}').message).toContain('Sets');
		expect(error('len(*[1])').message).toContain('Argument unpacking');
	});
	it('syntax errors and endless loops', () => {
		expect(error('x = (1,').message).toBe('SyntaxError: invalid syntax');
		expect(error('while True:\n    pass').message).toContain('steps');
	});
	it('unknown modules import but fail on use', () => {
		expect(runPython('import os').ok).toBe(true);
		expect(error('import os\nos.getcwd()').message).toContain("The module 'os'");
	});
});
