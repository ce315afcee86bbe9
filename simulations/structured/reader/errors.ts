/**
 * Reader failures. PySpark reports an unsupported or wrong construct where it is written; the
 * playground does the same with a 1-based line and column, and a sentence saying what the engine
 * does support. Inside the walk a failure is thrown as `ReadFailure` and caught once at the top
 * (readProgram), so nothing escapes as an unlabelled exception.
 */
import type { Pos } from '../expr/ast';

export class ReadFailure extends Error {
	constructor(
		readonly at: Pos,
		message: string,
		readonly supported?: string
	) {
		super(message);
	}
}

export const fail = (at: Pos, message: string, supported?: string): never => {
	throw new ReadFailure(at, message, supported);
};

/** Offsets → 1-based positions, computed once per program. */
export class LineIndex {
	private readonly starts: number[] = [0];
	constructor(text: string) {
		for (let i = 0; i < text.length; i++) {
			if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
		}
	}
	pos(offset: number): Pos {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.starts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
	}
}
