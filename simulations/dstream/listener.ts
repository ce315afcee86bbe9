/**
 * StreamingListener callbacks (pyspark/streaming/listener.py; scheduler/BatchInfo.scala). The
 * engine calls onBatchSubmitted, onBatchStarted and onBatchCompleted on every registered listener
 * with the batch's BatchInfo. Through py4j the delays are Scala Options, so a program that prints
 * `info.schedulingDelay()` shows `Some(12)`, exactly as PySpark does.
 */
import { PyBuiltin, PyHost } from '../python/values';
import type { PyValue } from '../python/values';
import type { SourceError } from '../core/errors';
import { BatchTimeHost } from './host-context';
import type { DStreamProgram } from './reader';

class ScalaOption extends PyHost {
	readonly typeName = 'scala.Option';
	constructor(private readonly value: number | undefined) {
		super();
	}
	reprText(): string {
		return this.value === undefined ? 'None' : `Some(${this.value})`;
	}
	getAttr(name: string): PyValue | undefined {
		if (name === 'get') return new PyBuiltin('get', () => this.value ?? null);
		if (name === 'isDefined') return new PyBuiltin('isDefined', () => this.value !== undefined);
		if (name === 'isEmpty') return new PyBuiltin('isEmpty', () => this.value === undefined);
		return undefined;
	}
}

export interface BatchFigures {
	readonly batchTime: number;
	readonly epochMs: number;
	readonly numRecords: number;
	readonly start?: number;
	readonly end?: number;
}

/** BatchInfo: numRecords is a Long; the delays exist once the batch started / finished. */
class BatchInfoHost extends PyHost {
	readonly typeName = 'BatchInfo';
	constructor(private readonly f: BatchFigures) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		const { f } = this;
		const opt = (v: number | undefined) => new PyBuiltin(name, () => new ScalaOption(v));
		switch (name) {
			case 'numRecords':
				return new PyBuiltin(name, () => f.numRecords);
			case 'batchTime':
				return new PyBuiltin(name, () => new BatchTimeHost(f.epochMs + f.batchTime));
			case 'submissionTime':
				return new PyBuiltin(name, () => f.epochMs + f.batchTime);
			case 'schedulingDelay':
				return opt(f.start === undefined ? undefined : f.start - f.batchTime);
			case 'processingDelay':
				return opt(f.start === undefined || f.end === undefined ? undefined : f.end - f.start);
			case 'totalDelay':
				return opt(f.end === undefined ? undefined : f.end - f.batchTime);
		}
		return undefined;
	}
}

class ListenerEventHost extends PyHost {
	constructor(
		readonly typeName: string,
		private readonly info: BatchInfoHost
	) {
		super();
	}
	getAttr(name: string): PyValue | undefined {
		return name === 'batchInfo' ? new PyBuiltin(name, () => this.info) : undefined;
	}
}

const EVENT_CLASS: Record<string, string> = {
	onBatchSubmitted: 'StreamingListenerBatchSubmitted',
	onBatchStarted: 'StreamingListenerBatchStarted',
	onBatchCompleted: 'StreamingListenerBatchCompleted'
};

/** Calls `callback` on every listener; `call` runs Python (errors are thrown, located). */
export function notifyListeners(
	listeners: readonly PyValue[],
	callback: 'onBatchSubmitted' | 'onBatchStarted' | 'onBatchCompleted',
	figures: BatchFigures,
	call: (fn: PyValue, args: readonly PyValue[]) => PyValue
): void {
	const event = new ListenerEventHost(
		EVENT_CLASS[callback] ?? callback,
		new BatchInfoHost(figures)
	);
	for (const l of listeners) {
		const method = l instanceof PyHost ? l.getAttr(callback) : undefined;
		if (method) call(method, [event]);
	}
}

export const LISTENER_METHODS = [
	'onStreamingStarted',
	'onReceiverStarted',
	'onReceiverError',
	'onReceiverStopped',
	'onBatchSubmitted',
	'onBatchStarted',
	'onBatchCompleted',
	'onOutputOperationStarted',
	'onOutputOperationCompleted'
] as const;

/** Runs a StreamingListener callback; a Python error in it comes back located. */
export function tell(
	program: DStreamProgram,
	callback: 'onBatchSubmitted' | 'onBatchStarted' | 'onBatchCompleted',
	figures: BatchFigures
): SourceError | undefined {
	if (program.state.listeners.length === 0) return undefined;
	try {
		notifyListeners(program.state.listeners, callback, figures, (fn, args) =>
			program.session.callRaw(fn, args)
		);
		return undefined;
	} catch (e) {
		return program.session.toError(e);
	}
}
