/**
 * The page's side of the engine worker (engine.worker.ts): one job at a time. A newer job
 * cancels the one in flight by ending the worker (a runaway program cannot hold the page), and a
 * fresh worker takes the next job. Resolves to the run (with the generated input records when
 * asked), `'superseded'` for a cancelled job, or null when the worker cannot run it (the caller
 * loads the engine's chunk and runs it on the main thread). A worker that dies
 * (the browser ends it, out of memory) or outlives the watchdog answers a located error, never
 * null: running that program on the main thread is what the worker is there to prevent.
 */
import type { EventTimeInput, Result, RunRequest, SourceError } from '$sim';
import EngineWorker from './engine.worker?worker';
import type { EngineJob } from './engine.worker';

export interface RemoteAnswer<T> {
	/** Absent for an input-only job. */
	readonly result?: Result<T, SourceError>;
	/** The generated input records, when the job asked for them and the kind has any. */
	readonly input?: EventTimeInput;
}

export type RemoteResult<T> = RemoteAnswer<T> | 'superseded' | null;

/** The run budget (simulations/core/budget.ts) ends a run in about a second; a worker still busy
 *  long after that is stuck in something the budget does not count. */
const WATCHDOG_MS = 30_000;

const stopped = (why: string): Result<never, SourceError> => ({
	ok: false,
	error: {
		line: 1,
		column: 1,
		message: `The simulation engine stopped before finishing this run: ${why}. Nothing is drawn for it.`,
		supported: 'Shorten the run or lower its rate, or undo the last change.'
	}
});

interface Reply {
	/** The worker's script loaded (sent once, before any job's answer). */
	readonly ready?: true;
	readonly id: number;
	readonly result?: Result<unknown, SourceError>;
	readonly input?: EventTimeInput;
	readonly fallback?: string;
}

export class EngineClient {
	#worker: Worker | null = null;
	#next = 0;
	#pending: { id: number; settle: (r: RemoteResult<unknown>) => void } | null = null;
	#watchdog: ReturnType<typeof setTimeout> | null = null;

	/** Whether this browser can run the engine in a worker. */
	static get available(): boolean {
		return typeof window !== 'undefined' && typeof Worker !== 'undefined';
	}

	run<T>(
		slug: string,
		programId: string,
		request: RunRequest,
		want: EngineJob['want'] = 'run'
	): Promise<RemoteResult<T>> {
		this.cancel();
		const worker = this.#spawn();
		const id = ++this.#next;
		return new Promise((resolve) => {
			this.#pending = { id, settle: resolve as (r: RemoteResult<unknown>) => void };
			this.#watchdog = setTimeout(() => {
				this.#settle(id, { result: stopped(`it was still busy after ${WATCHDOG_MS / 1000} s`) });
				this.#kill();
			}, WATCHDOG_MS);
			try {
				worker.postMessage({ id, slug, programId, request, want } satisfies EngineJob);
			} catch {
				this.#settle(id, null);
			}
		});
	}

	/** Ends the job in flight, if any (its promise resolves `'superseded'`). */
	cancel(): void {
		if (!this.#pending) return;
		this.#settle(this.#pending.id, 'superseded');
		this.#kill();
	}

	/** Ends the job in flight and the worker (a client made for one job). */
	dispose(): void {
		this.cancel();
		this.#kill();
	}

	#kill(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}

	#spawn(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new EngineWorker();
		let loaded = false;
		worker.onmessage = ({ data }: MessageEvent<Reply>) => {
			if (data.ready) loaded = true;
			else if (data.fallback !== undefined) this.#settle(data.id, null);
			else
				this.#settle(data.id, {
					...(data.result ? { result: data.result } : {}),
					...(data.input ? { input: data.input } : {})
				});
		};
		worker.onerror = (e) => {
			e.preventDefault();
			// A script that never loaded (offline, an old browser) leaves the page to run it; a
			// worker that died running it must not hand the same program to the main thread.
			if (this.#pending)
				this.#settle(this.#pending.id, loaded ? { result: stopped('the browser ended it') } : null);
			this.#kill();
		};
		this.#worker = worker;
		return worker;
	}

	#settle(id: number, result: RemoteResult<unknown>): void {
		if (this.#pending?.id !== id) return;
		const { settle } = this.#pending;
		this.#pending = null;
		if (this.#watchdog) clearTimeout(this.#watchdog);
		this.#watchdog = null;
		settle(result);
	}
}
