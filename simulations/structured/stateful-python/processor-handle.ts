/**
 * StatefulProcessorHandle and its state variables for transformWithStateInPandas
 * (python/pyspark/sql/streaming/stateful_processor.py): `getValueState`, `getListState`,
 * `getMapState` (each with an optional TTL in ms), `registerTimer`, `deleteTimer`,
 * `listTimers`, `deleteIfExists`. Every variable is scoped to the key being processed (Spark's
 * implicit grouping key): the handle points at that key's ProcessorState. TTL: a value written
 * at batch time t with TTL d expires once a batch's time reaches t + d (StateTTL).
 */
import { PyException } from '../../python/errors';
import {
	PyBuiltin,
	PyHost,
	PyIterable,
	PyTuple,
	iterItems,
	numeric,
	pyEquals,
	type PyValue as Py
} from '../../python/values';
import type { StructField, Value } from '../expr/ast';
import { ReaderHost } from '../reader/host';
import { parseDdlSchema } from '../reader/sparktypes';
import { stateRow, stateTuple } from './convert';

export interface TtlValue {
	readonly row: readonly Value[];
	/** Batch time at which it expires, or null without TTL. */
	readonly expiresMs: number | null;
}

export interface ProcessorState {
	readonly key: readonly Value[];
	values: Record<string, TtlValue>;
	lists: Record<string, TtlValue[]>;
	maps: Record<string, (readonly [readonly Value[], TtlValue])[]>;
	timers: number[];
}

export const emptyProcessorState = (key: readonly Value[]): ProcessorState => ({
	key,
	values: {},
	lists: {},
	maps: {},
	timers: []
});

/** Rows of state the key holds (Spark's numRowsTotal counts one per value, element, entry). */
export const stateRows = (s: ProcessorState): number =>
	Object.keys(s.values).length +
	Object.values(s.lists).reduce((n, l) => n + l.length, 0) +
	Object.values(s.maps).reduce((n, m) => n + m.length, 0);

const raise = (t: string, m: string) => new PyException(t, m);

function schemaArg(v: Py | undefined, what: string): StructField[] {
	if (typeof v === 'string') {
		const s = parseDdlSchema(v);
		if (s) return s;
	}
	if (v instanceof ReaderHost && v.v.t === 'dtype' && v.v.type.kind === 'struct')
		return [...v.v.type.fields];
	throw raise('PySparkTypeError', `${what} expects a StructType or a DDL string schema`);
}

const method = (name: string, f: (a: readonly Py[]) => Py) => new PyBuiltin(name, (a) => f(a));

export class ProcessorHandle extends PyHost {
	readonly typeName = 'StatefulProcessorHandle';
	/** The key being processed; set by the batch before each call. */
	current: ProcessorState | null = null;
	/** Timers listTimers must not show: the one being fired is already gone. */
	constructor(
		private readonly now: () => number,
		private readonly timersAllowed: boolean
	) {
		super();
	}

	state(): ProcessorState {
		if (this.current === null)
			throw raise(
				'PySparkRuntimeError',
				'[STATE_STORE_HANDLE_NOT_INITIALIZED] The handle has not been initialized for this StatefulProcessor: state is read and written only inside handleInputRows or handleExpiredTimer.'
			);
		return this.current;
	}

	private live(v: TtlValue | undefined): TtlValue | undefined {
		return v && (v.expiresMs === null || v.expiresMs > this.now()) ? v : undefined;
	}

	private ttl(a: readonly Py[], i: number): number | null {
		const d = numeric(a[i] ?? null);
		return d === undefined || d <= 0 ? null : d;
	}

	private stamp(row: readonly Value[], ttl: number | null): TtlValue {
		return { row, expiresMs: ttl === null ? null : this.now() + ttl };
	}

	private timerCheck(): void {
		if (!this.timersAllowed)
			throw raise(
				'PySparkRuntimeError',
				'[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE] Failed to perform stateful processor operation=registerTimer with invalid timeMode=None'
			);
	}

	getAttr(name: string): Py | undefined {
		switch (name) {
			case 'getValueState':
				return method(name, (a) =>
					this.valueState(str(a[0]), schemaArg(a[1], name), this.ttl(a, 2))
				);
			case 'getListState':
				return method(name, (a) =>
					this.listState(str(a[0]), schemaArg(a[1], name), this.ttl(a, 2))
				);
			case 'getMapState':
				return method(name, (a) =>
					this.mapState(str(a[0]), schemaArg(a[1], name), schemaArg(a[2], name), this.ttl(a, 3))
				);
			case 'registerTimer':
				return method(name, (a) => {
					this.timerCheck();
					const t = numeric(a[0] ?? null) ?? 0;
					const s = this.state();
					if (!s.timers.includes(t)) s.timers = [...s.timers, t].sort((x, y) => x - y);
					return null;
				});
			case 'deleteTimer':
				return method(name, (a) => {
					this.timerCheck();
					const t = numeric(a[0] ?? null) ?? 0;
					const s = this.state();
					s.timers = s.timers.filter((x) => x !== t);
					return null;
				});
			case 'listTimers':
				return method(name, () => {
					this.timerCheck();
					return new PyIterable([...this.state().timers], 'generator');
				});
			case 'deleteIfExists':
				return method(name, (a) => {
					const n = str(a[0]);
					const s = this.state();
					delete s.values[n];
					delete s.lists[n];
					delete s.maps[n];
					return null;
				});
		}
		return undefined;
	}

	private valueState(n: string, schema: StructField[], ttl: number | null): Py {
		return new StateVar('ValueState', {
			exists: () => this.live(this.state().values[n]) !== undefined,
			get: () => {
				const v = this.live(this.state().values[n]);
				return v ? stateTuple(v.row, schema) : null;
			},
			update: (a) => {
				this.state().values[n] = this.stamp(stateRow(a[0] ?? null, schema), ttl);
				return null;
			},
			clear: () => {
				delete this.state().values[n];
				return null;
			}
		});
	}

	private listState(n: string, schema: StructField[], ttl: number | null): Py {
		const items = () => (this.state().lists[n] ?? []).filter((v) => this.live(v));
		const rows = (v: Py) =>
			(iterItems(v ?? []) ?? []).map((x) => this.stamp(stateRow(x, schema), ttl));
		return new StateVar('ListState', {
			exists: () => items().length > 0,
			get: () =>
				new PyIterable(
					items().map((v) => stateTuple(v.row, schema)),
					'generator'
				),
			put: (a) => {
				this.state().lists[n] = rows(a[0] ?? null);
				return null;
			},
			appendValue: (a) => {
				this.state().lists[n] = [...items(), this.stamp(stateRow(a[0] ?? null, schema), ttl)];
				return null;
			},
			appendList: (a) => {
				this.state().lists[n] = [...items(), ...rows(a[0] ?? null)];
				return null;
			},
			clear: () => {
				delete this.state().lists[n];
				return null;
			}
		});
	}

	private mapState(
		n: string,
		keySchema: StructField[],
		valueSchema: StructField[],
		ttl: number | null
	): Py {
		const entries = () => (this.state().maps[n] ?? []).filter(([, v]) => this.live(v));
		const keyRow = (k: Py) => stateRow(k, keySchema);
		const find = (k: Py) => {
			const row = keyRow(k);
			return entries().find(([kk]) =>
				pyEquals(stateTuple(kk, keySchema), stateTuple(row, keySchema))
			);
		};
		const put = (list: (readonly [readonly Value[], TtlValue])[]) => {
			this.state().maps[n] = list;
			if (list.length === 0) delete this.state().maps[n];
		};
		return new StateVar('MapState', {
			exists: () => entries().length > 0,
			getValue: (a) => {
				const e = find(a[0] ?? null);
				return e ? stateTuple(e[1].row, valueSchema) : null;
			},
			containsKey: (a) => find(a[0] ?? null) !== undefined,
			updateValue: (a) => {
				const row = keyRow(a[0] ?? null);
				const rest = entries().filter(([kk]) => JSON.stringify(kk) !== JSON.stringify(row));
				put([...rest, [row, this.stamp(stateRow(a[1] ?? null, valueSchema), ttl)]]);
				return null;
			},
			iterator: () =>
				new PyIterable(
					entries().map(
						([k, v]) => new PyTuple([stateTuple(k, keySchema), stateTuple(v.row, valueSchema)])
					),
					'generator'
				),
			keys: () =>
				new PyIterable(
					entries().map(([k]) => stateTuple(k, keySchema)),
					'generator'
				),
			values: () =>
				new PyIterable(
					entries().map(([, v]) => stateTuple(v.row, valueSchema)),
					'generator'
				),
			removeKey: (a) => {
				const row = keyRow(a[0] ?? null);
				put(entries().filter(([kk]) => JSON.stringify(kk) !== JSON.stringify(row)));
				return null;
			},
			clear: () => {
				delete this.state().maps[n];
				return null;
			}
		});
	}
}

const str = (v: Py | undefined): string => (typeof v === 'string' ? v : String(v));

/** A ValueState / ListState / MapState object: its methods act on the current key's state. */
class StateVar extends PyHost {
	constructor(
		readonly typeName: string,
		private readonly methods: Record<string, (a: readonly Py[]) => Py>
	) {
		super();
	}
	getAttr(name: string): Py | undefined {
		const f = this.methods[name];
		return f ? method(name, f) : undefined;
	}
}

/** timerValues: the batch's processing time and watermark. */
export class TimerValues extends PyHost {
	readonly typeName = 'TimerValues';
	constructor(
		private readonly processingMs: number,
		private readonly watermarkMs: number
	) {
		super();
	}
	getAttr(name: string): Py | undefined {
		if (name === 'getCurrentProcessingTimeInMs') return method(name, () => this.processingMs);
		if (name === 'getCurrentWatermarkInMs') return method(name, () => this.watermarkMs);
		return undefined;
	}
}

/** expiredTimerInfo: which timer fired. */
export class ExpiredTimerInfo extends PyHost {
	readonly typeName = 'ExpiredTimerInfo';
	constructor(private readonly expiryMs: number) {
		super();
	}
	getAttr(name: string): Py | undefined {
		return name === 'getExpiryTimeInMs' ? method(name, () => this.expiryMs) : undefined;
	}
}
