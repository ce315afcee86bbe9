// Decorators in the Python subset, as a Python data source program uses them: @classmethod
// (DataSource.name), @staticmethod, @dataclass (InputPartition and WriterCommitMessage
// subclasses with annotated fields), and a decorator that is a user function.
import { describe, expect, it } from 'vitest';
import { repr, runPython } from '../../../simulations/python/index';
import { dataclass } from '../../../simulations/python/classes';
import { PyBuiltin, PyModule } from '../../../simulations/python/values';

const modules = new Map([
	[
		'dataclasses',
		new PyModule(
			'dataclasses',
			new Map([['dataclass', new PyBuiltin('dataclass', ([c]) => dataclass(c ?? null))]])
		)
	]
]);

const run = (src: string, name = 'out') => {
	const r = runPython(src, { modules });
	if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
	return repr(r.value.get(name) ?? null);
};

describe('decorators', () => {
	it('@classmethod binds the class it is looked up on, from the class or an instance', () => {
		expect(
			run(`
class Base:
    @classmethod
    def name(cls):
        return cls.__name__ + "!"
class Sensors(Base):
    pass
out = [Base.name(), Sensors.name(), Sensors().name()]
`)
		).toBe("['Base!', 'Sensors!', 'Sensors!']");
	});

	it('@staticmethod is not bound', () => {
		expect(
			run(`
class T:
    @staticmethod
    def twice(x):
        return 2 * x
out = (T.twice(2), T().twice(3))
`)
		).toBe('(4, 6)');
	});

	it('@dataclass writes __init__ from the annotated fields, positional or keyword', () => {
		expect(
			run(`
from dataclasses import dataclass
@dataclass
class Range:
    start: int
    end: int
    def size(self):
        return self.end - self.start
a = Range(3, 10)
b = Range(end=4, start=1)
out = (a.start, a.end, a.size(), b.size())
`)
		).toBe('(3, 10, 7, 3)');
	});

	it('a missing dataclass field is a TypeError, as CPython says it', () => {
		const r = runPython(
			`
from dataclasses import dataclass
@dataclass
class Range:
    start: int
    end: int
Range(1)
`,
			{ modules }
		);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.error.message).toBe(
				"TypeError: Range.__init__() missing 1 required positional argument: 'end'"
			);
	});

	it('a user function as a decorator replaces the definition with what it returns', () => {
		expect(
			run(`
def shout(f):
    def inner(x):
        return f(x).upper()
    return inner
@shout
def greet(x):
    return "hi " + x
out = greet("ana")
`)
		).toBe("'HI ANA'");
	});
});
