/** Rewrites of the marked lines the three advanced-15 programs share. */
import type { SpanRewrite } from '../../core/template';

/** `NAME = 5`: the constant's literal, the rest of the line as written. */
export const constantLine =
	(literal: string): SpanRewrite =>
	(line) =>
		line.replace(/=\s*[-\d.]+/, `= ${literal}`);

/** A line that is there or not (the dedup step): `null` removes it. */
export const onOff =
	(on: boolean): SpanRewrite =>
	(line) =>
		on ? line : null;

/** What every case's alert pane says about where its rows come from. */
export const ALERTS_NOTE =
	'Each row is one the engine wrote to the sink, newest first: the program’s filter decides what an alert is, the page only lists them.';
