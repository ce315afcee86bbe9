/**
 * pytest's fixtures as the test bench models them: `import pytest` gives `pytest.fixture`, which
 * marks a module-level function as a fixture; a test's parameters are filled, by name, with the
 * value of the fixture of that name (its own parameters filled the same way). A generator
 * fixture's value is what it yields. The bench runs a generator to its end when it is called
 * (simulations/python), so code after the `yield` runs before the test, not after it: for the
 * teardowns a Spark test writes (`session.stop()`, removing a temp directory) that order changes
 * nothing the bench shows, since the bench stops every query when the test ends as pytest does.
 * A parameter no fixture of the module provides (pytest's built-in `tmp_path`, a conftest's
 * fixture) is a located message naming what is supported.
 */
import { PyException } from '../../python/errors';
import { PyBuiltin, PyFunction, PyIterable, PyModule, type PyValue } from '../../python/values';
import { ReadFailure } from '../../structured/reader/errors';
import type { Pos } from '../../structured/expr/ast';

export class Fixtures {
	private readonly marked = new Set<PyFunction>();

	/** The `pytest` module a test imports: `pytest.fixture` as a bare decorator. */
	module(): PyModule {
		const fixture = new PyBuiltin('fixture', (a, kw) => {
			const fn = a[0];
			if (a.length !== 1 || kw.size > 0 || !(fn instanceof PyFunction))
				throw new PyException(
					'NotSupported',
					'pytest.fixture is supported as a bare decorator (@pytest.fixture) on a function',
					undefined,
					'Write @pytest.fixture above `def spark():` without arguments; a SparkSession from getOrCreate() is shared by every test anyway.'
				);
			this.marked.add(fn);
			return fn;
		});
		return new PyModule('pytest', new Map<string, PyValue>([['fixture', fixture]]));
	}

	/**
	 * The arguments of `fn` (a test or a fixture): each parameter's fixture value, each fixture
	 * evaluated once per test as pytest's function scope does.
	 */
	argsFor(
		fn: PyFunction,
		globals: ReadonlyMap<string, PyValue>,
		at: (name: string) => Pos,
		cache = new Map<string, PyValue>(),
		chain: readonly string[] = []
	): PyValue[] {
		return fn.paramNames.map((p) => {
			if (cache.has(p)) return cache.get(p) ?? null;
			const f = globals.get(p);
			if (!(f instanceof PyFunction) || !this.marked.has(f))
				throw new ReadFailure(
					at(fn.name),
					`fixture '${p}' not found: ${fn.name} asks for it and the module defines no @pytest.fixture named ${p}`,
					'The test bench provides the fixtures the module defines with @pytest.fixture (e.g. a `spark` fixture yielding SparkSession.builder...getOrCreate()); pytest’s built-in fixtures such as tmp_path are not modelled: use tempfile.mkdtemp().'
				);
			if (chain.includes(p))
				throw new ReadFailure(
					at(p),
					`recursive dependency involving fixture '${p}' detected`,
					'A fixture cannot ask for itself, directly or through another fixture.'
				);
			const made = f.invoke(this.argsFor(f, globals, at, cache, [...chain, p]), new Map());
			const value =
				made instanceof PyIterable && made.typeName === 'generator' ? yielded(made, p, at) : made;
			cache.set(p, value);
			return value;
		});
	}
}

/** pytest requires a generator fixture to yield exactly once. */
function yielded(gen: PyIterable, name: string, at: (name: string) => Pos): PyValue {
	if (gen.items.length !== 1)
		throw new ReadFailure(
			at(name),
			`fixture function ${name} yielded ${gen.items.length} values: a generator fixture yields once`,
			'Yield the SparkSession (or whatever the tests receive) once; teardown goes after the yield.'
		);
	return gen.items[0] ?? null;
}
