/**
 * What a streaming aggregation writes per output mode (SPARK-SEMANTICS R4.1, R4.3,
 * StateStoreSaveExec.doExecute): complete = every state row each batch; update = the rows whose
 * key was touched this batch (even when evicted in the same batch); append = a row once, when the
 * watermark evicts its key. Complete mode never drops late rows nor evicts (R4.4, R4.6).
 */
import type { OutputMode } from '../plan';

export interface ModeRules {
	/** Late rows are filtered against the late-event watermark. */
	readonly dropsLate: boolean;
	/** State older than the eviction watermark is removed. */
	readonly evicts: boolean;
	/** Rows are written when their key is evicted (append) rather than when touched. */
	readonly emitOnEviction: boolean;
	readonly emitTouched: boolean;
	readonly emitAll: boolean;
}

export function modeRules(mode: OutputMode): ModeRules {
	switch (mode) {
		case 'complete':
			return {
				dropsLate: false,
				evicts: false,
				emitOnEviction: false,
				emitTouched: false,
				emitAll: true
			};
		case 'update':
			return {
				dropsLate: true,
				evicts: true,
				emitOnEviction: false,
				emitTouched: true,
				emitAll: false
			};
		case 'append':
			return {
				dropsLate: true,
				evicts: true,
				emitOnEviction: true,
				emitTouched: false,
				emitAll: false
			};
	}
}

/** StateStoreSaveExec.shouldRunAnotherBatch: append/update with an advanced watermark. */
export const aggregationWantsNoDataBatch = (mode: OutputMode): boolean => mode !== 'complete';
