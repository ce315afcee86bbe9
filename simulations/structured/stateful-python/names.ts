/**
 * The pyspark names of arbitrary state a program imports from `pyspark.sql.streaming` (and its
 * `state` / `stateful_processor` modules): GroupState (for isinstance), GroupStateTimeout's
 * constants, and the StatefulProcessor base class a processor subclasses (its methods default
 * to doing nothing, as the abstract class's optional ones do).
 */
import { noOpBase } from '../../python/classes';
import { PyHost, type PyValue } from '../../python/values';
import { GROUP_STATE_TIMEOUT, GROUP_STATE_TYPE } from './group-state';

class TypeName extends PyHost {
	readonly typeName = 'type';
	constructor(readonly name: string) {
		super();
	}
	getAttr(attr: string): PyValue | undefined {
		return attr === '__name__' ? this.name : undefined;
	}
}

export const STATEFUL_PROCESSOR = noOpBase('StatefulProcessor', [
	'init',
	'handleExpiredTimer',
	'handleInitialState',
	'close'
]);

export const STATE_NAMES: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
	['GroupState', GROUP_STATE_TYPE],
	['GroupStateTimeout', GROUP_STATE_TIMEOUT],
	['StatefulProcessor', STATEFUL_PROCESSOR],
	['StatefulProcessorHandle', new TypeName('StatefulProcessorHandle')],
	['TimerValues', new TypeName('TimerValues')],
	['ExpiredTimerInfo', new TypeName('ExpiredTimerInfo')]
]);
