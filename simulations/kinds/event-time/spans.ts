/**
 * Rewrites of the marked lines the event-time programs share. Structured Streaming durations
 * are interval strings ("10 seconds"), DStream durations whole seconds (QUESTIONS.md §0.2), and
 * one paramId marks both tabs, so a rewrite looks at the line's shape: a quoted interval, an
 * interval inside a SQL string, or a bare number. Only the literal changes; the rest of the line
 * (indent, trailing comma) stays as the program wrote it.
 */
import { intervalString, type SpanRewrite } from '../../core/template';

const QUOTED_INTERVAL = /"\d+(?:\.\d+)? (?:millisecond|second|minute|hour)s?"/;
const SQL_INTERVAL = /interval \d+(?:\.\d+)? (?:millisecond|second|minute|hour)s?/;
/** A DStream duration argument: the line is just a number (and a comma). */
const BARE_NUMBER = /^(\s*)\d+(?:\.\d+)?(,?)\s*$/;
/** `.window(30, 5)`: a DStream window length as the first argument. */
const DSTREAM_WINDOW_ARG = /\.window\(\d+(?:\.\d+)?,/;

export const quotedInterval = (seconds: number): string => `"${intervalString(seconds)}"`;

/** A duration literal in whichever form the line has. */
export const duration =
	(seconds: number): SpanRewrite =>
	(line) => {
		if (QUOTED_INTERVAL.test(line)) return line.replace(QUOTED_INTERVAL, quotedInterval(seconds));
		if (SQL_INTERVAL.test(line)) {
			return line.replace(SQL_INTERVAL, `interval ${intervalString(seconds)}`);
		}
		if (BARE_NUMBER.test(line)) return line.replace(BARE_NUMBER, `$1${seconds}$2`);
		if (DSTREAM_WINDOW_ARG.test(line)) {
			return line.replace(new RegExp(DSTREAM_WINDOW_ARG.source, 'g'), `.window(${seconds},`);
		}
		return line;
	};

/** The last quoted string on the line: `.config("key", "value")`, `.outputMode("update")`. */
export const lastString =
	(value: string): SpanRewrite =>
	(line) =>
		line.replace(/"[^"]*"(?=[^"]*$)/, `"${value}"`);

/** `.withWatermark("event_time", "10 seconds")`, or no line at all when there is no watermark. */
export const watermark =
	(seconds: number | null): SpanRewrite =>
	(line) =>
		seconds === null ? null : duration(seconds)(line);

/** Applies the first rewrite whose test matches the line; other lines are left unchanged. */
export const byShape =
	(cases: readonly (readonly [RegExp, SpanRewrite])[]): SpanRewrite =>
	(line) => {
		for (const [test, rewrite] of cases) if (test.test(line)) return rewrite(line);
		return line;
	};
