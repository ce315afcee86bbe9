/**
 * Streaming has two clocks: when an event happened (event time) and when the engine handled it
 * (processing time). Confusing them is the classic streaming bug, so each gets its own branded
 * type and converting between them must be explicit. All values are milliseconds.
 */
declare const unit: unique symbol;
export type EventTimeMs = number & { readonly [unit]: 'event-time' };
export type ProcTimeMs = number & { readonly [unit]: 'processing-time' };
export type DurationMs = number & { readonly [unit]: 'duration' };
export type BatchId = number & { readonly [unit]: 'batch-id' };

export const eventTime = (ms: number): EventTimeMs => ms as EventTimeMs;
export const procTime = (ms: number): ProcTimeMs => ms as ProcTimeMs;
export const durationMs = (ms: number): DurationMs => ms as DurationMs;
export const batchId = (n: number): BatchId => n as BatchId;

export const plusDuration = <T extends EventTimeMs | ProcTimeMs>(t: T, d: DurationMs): T =>
	(t + d) as T;
export const minusDuration = <T extends EventTimeMs | ProcTimeMs>(t: T, d: DurationMs): T =>
	(t - d) as T;
export const elapsed = (from: ProcTimeMs, to: ProcTimeMs): DurationMs => (to - from) as DurationMs;
