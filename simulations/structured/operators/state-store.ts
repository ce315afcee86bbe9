/**
 * A versioned state store per stateful operator (SPARK-SEMANTICS R5.1, HDFSBackedStateStore):
 * batch N loads version N and commits version N+1; `numRowsTotal` = keys after commit,
 * `numRowsUpdated` = puts this batch, `numRowsRemoved` = removals. A committed version is a
 * JSON snapshot, which is what a restart loads (R1.3, R6.2): nothing lives outside it.
 */

export interface StoreMetrics {
	readonly numRowsTotal: number;
	readonly numRowsUpdated: number;
	readonly numRowsRemoved: number;
}

export interface StoreSnapshot<V> {
	readonly version: number;
	readonly entries: readonly (readonly [string, V])[];
}

export class StateStore<V> {
	readonly map = new Map<string, V>();
	version = 0;
	private updated = 0;
	private removed = 0;

	get(key: string): V | undefined {
		return this.map.get(key);
	}

	put(key: string, value: V): void {
		this.map.set(key, value);
		this.updated++;
	}

	remove(key: string): void {
		if (this.map.delete(key)) this.removed++;
	}

	/** Count extra rows (a join side holding several values per key counts each). */
	countUpdates(n: number, removed = 0): void {
		this.updated += n;
		this.removed += removed;
	}

	/** Ends batch N: the store is now at version N+1; returns the batch's metrics. */
	commit(total = this.map.size): StoreMetrics {
		this.version++;
		const m = { numRowsTotal: total, numRowsUpdated: this.updated, numRowsRemoved: this.removed };
		this.updated = 0;
		this.removed = 0;
		return m;
	}

	snapshot(): StoreSnapshot<V> {
		return { version: this.version, entries: JSON.parse(JSON.stringify([...this.map])) };
	}

	static restore<V>(snap: StoreSnapshot<V>): StateStore<V> {
		const store = new StateStore<V>();
		for (const [k, v] of JSON.parse(JSON.stringify(snap.entries)) as [string, V][]) {
			store.map.set(k, v);
		}
		store.version = snap.version;
		return store;
	}
}
