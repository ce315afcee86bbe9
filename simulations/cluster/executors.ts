/**
 * The executors a query runs on, with their cores, as the cluster manager grants them: executors
 * asked for arrive only after a start-up time (a YARN container or a Kubernetes pod must be
 * scheduled, the JVM started and registered with the driver), which is one reason scaling lags
 * a spike. Cancelling a request drops the newest pending one first, as lowering
 * requestTotalExecutors does. Ids only grow, so a Gantt row (executor, core) is never reused.
 */

export interface Executor {
	readonly id: number;
	readonly cores: number;
	readonly registeredAt: number;
	/** Tasks running now; ExecutorMonitor counts an executor idle from the moment this is 0. */
	running: number;
	/** Start of the current idle period (registration counts as one, ExecutorMonitor.onExecutorAdded). */
	idleSince: number;
	removedAt: number | null;
}

export type PoolEventKind = 'request' | 'cancel' | 'register' | 'remove';

export interface PoolEvent {
	readonly atMs: number;
	readonly kind: PoolEventKind;
	readonly executorId?: number;
	/** Registered executors after the event. */
	readonly executors: number;
	/** Requests still waiting for an executor after the event. */
	readonly pending: number;
}

export class ExecutorPool {
	readonly executors: Executor[] = [];
	/** Requested executors, oldest request first: when asked for and when they arrive. */
	private readonly pending: { readonly at: number; readonly arrives: number }[] = [];
	readonly events: PoolEvent[] = [];
	private nextId = 0;

	/**
	 * `allocationMs`: how long a request can still be cancelled (the cluster manager has not yet
	 * granted its container or pod); once granted, the executor launches and registers anyway, as
	 * YARN only cancels container requests still pending allocation. Defaults to the whole
	 * start-up time (every pending request cancellable).
	 */
	constructor(
		readonly coresPerExecutor: number,
		readonly startupMs: number,
		initial: number,
		at = 0,
		private readonly keepEvents = true,
		readonly allocationMs = startupMs
	) {
		for (let i = 0; i < initial; i++) this.register(at);
	}

	get live(): Executor[] {
		return this.executors.filter((e) => e.removedAt === null);
	}

	get liveCount(): number {
		let n = 0;
		for (const e of this.executors) if (e.removedAt === null) n++;
		return n;
	}

	get pendingCount(): number {
		return this.pending.length;
	}

	/** When the next requested executor arrives, or Infinity. */
	get nextArrival(): number {
		return this.pending[0]?.arrives ?? Infinity;
	}

	request(n: number, now: number): void {
		for (let i = 0; i < n; i++) {
			this.pending.push({ at: now, arrives: now + this.startupMs });
			this.log(now, 'request');
		}
	}

	/** Drop the newest pending requests so that at most `keep` stay (only those not yet granted). */
	cancelDownTo(keep: number, now: number): void {
		while (this.pending.length > Math.max(0, keep)) {
			const newest = this.pending[this.pending.length - 1];
			if (!newest || now - newest.at >= this.allocationMs) return;
			this.pending.pop();
			this.log(now, 'cancel');
		}
	}

	/** Register every requested executor that has arrived by `now`; returns how many. */
	arrive(now: number): number {
		let n = 0;
		while (this.pending.length > 0 && (this.pending[0]?.arrives ?? Infinity) <= now) {
			const at = this.pending.shift()?.arrives ?? now;
			this.register(at);
			n++;
		}
		return n;
	}

	remove(id: number, now: number): void {
		const e = this.executors.find((x) => x.id === id);
		if (!e || e.removedAt !== null) return;
		e.removedAt = now;
		this.log(now, 'remove', id);
	}

	private register(at: number): void {
		const id = this.nextId++;
		this.executors.push({
			id,
			cores: this.coresPerExecutor,
			registeredAt: at,
			running: 0,
			idleSince: at,
			removedAt: null
		});
		this.log(at, 'register', id);
	}

	private log(atMs: number, kind: PoolEventKind, executorId?: number): void {
		if (!this.keepEvents) return;
		this.events.push({
			atMs,
			kind,
			...(executorId === undefined ? {} : { executorId }),
			executors: this.liveCount,
			pending: this.pending.length
		});
	}
}
