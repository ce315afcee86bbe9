// What a user reads when a run throws: the engines' own texts as they are, JavaScript's never.
import { describe, expect, it } from 'vitest';
import { userMessage } from '../../../simulations/core/errors';
import { RunLimitExceeded } from '../../../simulations/core/budget';
import { ExprRuntimeError } from '../../../simulations/structured/expr/index';
import { divideByZero } from '../../../simulations/structured/expr/runtime-error';

const JS =
	/RangeError|TypeError|ReferenceError|Maximum call stack|Invalid time value|undefined|is not a function/;

describe('userMessage', () => {
	it("shows Spark's and the budget's texts as they are", () => {
		const spark = divideByZero();
		expect(spark).toBeInstanceOf(ExprRuntimeError);
		expect(userMessage(spark)).toBe(spark.message);
		const limit = new RunLimitExceeded('rows', 6_000_000);
		expect(userMessage(limit)).toBe(limit.message);
	});

	it("says what JavaScript's own errors mean without their names or words", () => {
		let overflow: unknown;
		const deep = (n: number): number => deep(n + 1) + 1;
		try {
			deep(0);
		} catch (e) {
			overflow = e;
		}
		const cases: [unknown, RegExp][] = [
			[overflow, /nests deeper than the playground’s engine follows/],
			[new RangeError('Invalid time value'), /outside the range the playground can show/],
			[new RangeError('Invalid array length'), /grew past what the playground can hold/],
			[
				new TypeError("Cannot read properties of undefined (reading 'x')"),
				/fault of the playground/
			]
		];
		for (const [e, want] of cases) {
			const m = userMessage(e);
			expect(m).toMatch(want);
			expect(m).not.toMatch(JS);
		}
	});
});
