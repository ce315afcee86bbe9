/**
 * The page's side of the engine worker (engine.worker.ts): one job at a time. A newer job
 * cancels the one in flight by ending the worker (a runaway program cannot hold the page), and a
 * fresh worker takes the next job. Resolves to the run, `'superseded'` for a cancelled job, or
 * null when the worker cannot run it (the caller runs it on the main thread).
 */
import type { Result, RunRequest, SourceError } from '$sim';
import EngineWorker from './engine.worker?worker';

export type RemoteResult<T> = Result<T, SourceError> | 'superseded' | null;

interface Reply {
	readonly id: number;
	readonly result?: Result<unknown, SourceError>;
	readonly fallback?: string;
}

export class EngineClient {
	#worker: Worker | null = null;
	#next = 0;
	#pending: { id: number; settle: (r: RemoteResult<unknown>) => void } | null = null;

	/** Whether this browser can run the engine in a worker. */
	static get available(): boolean {
		return typeof window !== 'undefined' && typeof Worker !== 'undefined';
	}

	run<T>(slug: string, programId: string, request: RunRequest): Promise<RemoteResult<T>> {
		this.cancel();
		const worker = this.#spawn();
		const id = ++this.#next;
		return new Promise((resolve) => {
			this.#pending = { id, settle: resolve as (r: RemoteResult<unknown>) => void };
			try {
				worker.postMessage({ id, slug, programId, request });
			} catch {
				this.#settle(id, null);
			}
		});
	}

	/** Ends the job in flight, if any (its promise resolves `'superseded'`). */
	cancel(): void {
		if (!this.#pending) return;
		this.#settle(this.#pending.id, 'superseded');
		this.#worker?.terminate();
		this.#worker = null;
	}

	#spawn(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new EngineWorker();
		worker.onmessage = ({ data }: MessageEvent<Reply>) =>
			this.#settle(data.id, data.result ?? null);
		worker.onerror = () => {
			if (this.#pending) this.#settle(this.#pending.id, null);
		};
		this.#worker = worker;
		return worker;
	}

	#settle(id: number, result: RemoteResult<unknown>): void {
		if (this.#pending?.id !== id) return;
		const { settle } = this.#pending;
		this.#pending = null;
		settle(result);
	}
}
