/**
 * pyspark.sql.streaming.state.GroupState as the function of applyInPandasWithState sees it
 * (python/pyspark/sql/streaming/state.py): `exists`, `get`, `getOption`, `hasTimedOut` are
 * properties; `update`, `remove`, `setTimeoutDuration`, `setTimeoutTimestamp`,
 * `getCurrentWatermarkMs`, `getCurrentProcessingTimeMs` are methods, with PySpark's errors. A
 * fresh GroupState is made for every call with no timeout set (GroupStateImpl.createForStreaming
 * starts at NO_TIMESTAMP): a key keeps a timeout only if this call sets one.
 */
import { PyException } from '../../python/errors';
import { PyBuiltin, PyHost, PyModule, numeric, type PyValue as Py } from '../../python/values';
import type { StructField, Value } from '../expr/ast';
import { stateRow, stateTuple } from './convert';

export type TimeoutConf = 'NoTimeout' | 'ProcessingTimeTimeout' | 'EventTimeTimeout';
export const NO_TIMESTAMP = -1;

const err = (type: string, cls: string, message: string) =>
	new PyException(type, `[${cls}] ${message}`);

export interface GroupStateInit {
	readonly value: readonly Value[] | null;
	readonly batchTimestampMs: number;
	/** The eviction watermark, or NO_TIMESTAMP when the query has none. */
	readonly watermarkMs: number;
	readonly watermarkPresent: boolean;
	readonly timeout: TimeoutConf;
	readonly hasTimedOut: boolean;
	readonly schema: readonly StructField[];
}

export class GroupStateHost extends PyHost {
	readonly typeName = 'GroupState';
	value: Value[] | null;
	updated = false;
	removed = false;
	timeoutTimestamp = NO_TIMESTAMP;

	constructor(private readonly s: GroupStateInit) {
		super();
		this.value = s.value === null ? null : [...s.value];
	}

	getAttr(name: string): Py | undefined {
		const s = this.s;
		const method = (f: (a: readonly Py[]) => Py) => new PyBuiltin(name, (a) => f(a));
		switch (name) {
			case 'exists':
				return this.value !== null;
			case 'get':
				if (this.value === null)
					throw err(
						'PySparkValueError',
						'STATE_NOT_EXISTS',
						'State is either not defined or has already been removed.'
					);
				return stateTuple(this.value, s.schema);
			case 'getOption':
				return this.value === null ? null : stateTuple(this.value, s.schema);
			case 'hasTimedOut':
				return s.hasTimedOut;
			case 'update':
				return method((a) => {
					const v = a[0] ?? null;
					if (v === null)
						throw err('PySparkTypeError', 'CANNOT_BE_NONE', 'Argument `newValue` cannot be None.');
					this.value = stateRow(v, s.schema);
					this.updated = true;
					this.removed = false;
					return null;
				});
			case 'remove':
				return method(() => {
					this.value = null;
					this.updated = false;
					this.removed = true;
					return null;
				});
			case 'setTimeoutDuration':
				return method((a) => {
					const d = a[0] ?? null;
					if (typeof d === 'string')
						throw err(
							'PySparkTypeError',
							'NOT_INT',
							'Argument `durationMs` should be an int, got str.'
						);
					if (s.timeout !== 'ProcessingTimeTimeout')
						throw err(
							'PySparkRuntimeError',
							'CANNOT_WITHOUT',
							'Cannot set timeout duration without enabling processing time timeout in applyInPandasWithState.'
						);
					const ms = numeric(d) ?? 0;
					if (ms <= 0)
						throw err(
							'PySparkValueError',
							'VALUE_NOT_POSITIVE',
							'Value for `durationMs` must be positive.'
						);
					this.timeoutTimestamp = ms + s.batchTimestampMs;
					return null;
				});
			case 'setTimeoutTimestamp':
				return method((a) => {
					if (s.timeout !== 'EventTimeTimeout')
						throw err(
							'PySparkRuntimeError',
							'CANNOT_WITHOUT',
							'Cannot set timeout duration without enabling processing time timeout in applyInPandasWithState.'
						);
					const ts = numeric(a[0] ?? null) ?? 0;
					if (ts <= 0)
						throw err(
							'PySparkValueError',
							'VALUE_NOT_POSITIVE',
							'Value for `timestampMs` must be positive.'
						);
					if (s.watermarkMs !== NO_TIMESTAMP && ts < s.watermarkMs)
						throw err(
							'PySparkValueError',
							'INVALID_TIMEOUT_TIMESTAMP',
							`Timeout timestamp (${ts}) cannot be earlier than the current watermark (${s.watermarkMs}).`
						);
					this.timeoutTimestamp = ts;
					return null;
				});
			case 'getCurrentWatermarkMs':
				return method(() => {
					if (!s.watermarkPresent)
						throw err(
							'PySparkRuntimeError',
							'CANNOT_WITHOUT',
							'Cannot get event time watermark timestamp without setting watermark before applyInPandasWithState.'
						);
					return s.watermarkMs;
				});
			case 'getCurrentProcessingTimeMs':
				return method(() => s.batchTimestampMs);
		}
		return undefined;
	}

	reprText(): string {
		return this.value === null ? 'GroupState(<undefined>)' : `GroupState(${this.value.join(', ')})`;
	}
}

/** The `GroupState` class name a program imports (for `isinstance(state, GroupState)`). */
class GroupStateType extends PyHost {
	readonly typeName = 'type';
	getAttr(name: string): Py | undefined {
		return name === '__name__' ? 'GroupState' : name === 'NO_TIMESTAMP' ? NO_TIMESTAMP : undefined;
	}
	isInstance(v: Py): boolean {
		return v instanceof GroupStateHost;
	}
}

export const GROUP_STATE_TYPE = new GroupStateType();

/** `GroupStateTimeout.NoTimeout` etc. are the strings applyInPandasWithState accepts. */
export const GROUP_STATE_TIMEOUT = new PyModule(
	'GroupStateTimeout',
	new Map<string, Py>([
		['NoTimeout', 'NoTimeout'],
		['ProcessingTimeTimeout', 'ProcessingTimeTimeout'],
		['EventTimeTimeout', 'EventTimeTimeout']
	])
);
