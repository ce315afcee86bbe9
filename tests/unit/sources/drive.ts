/**
 * A minimal stand-in for the micro-batch loop, enough to drive sources trigger by trigger in unit
 * tests: the committed offsets, planTrigger, getBatch, commit. No sink, no operators.
 */
import { type SourceClock, type SourceRow, getBatch } from '../../../simulations/sources/contract';
import {
	type AnySource,
	nextCommitted,
	planTrigger,
	setUpTrigger,
	type TriggerKind
} from '../../../simulations/sources/trigger-plan';

export class ManualClock implements SourceClock {
	constructor(private t = 0) {}
	nowMs(): number {
		return this.t;
	}
	advance(ms: number): void {
		this.t += ms;
	}
}

export interface RanBatch {
	readonly start: unknown;
	readonly end: unknown;
	readonly rows: readonly SourceRow[];
}

/** One query run over one source: committed offsets carry over when a new run is made from them. */
export class OneSourceRun {
	private readonly limit;
	constructor(
		readonly source: AnySource,
		public committed: unknown | null = null,
		trigger: TriggerKind = 'processingTime'
	) {
		this.limit = setUpTrigger([source], trigger).limits[0];
	}

	/** One trigger: a batch if there is new data, else null. */
	trigger(): RanBatch | null {
		const plan = planTrigger([this.source], this.limit ? [this.limit] : [], [this.committed]);
		if (!plan.hasNewData) return null;
		const start = plan.starts[0];
		const end = plan.ends[0];
		const rows = getBatch(this.source, start, end);
		this.committed = nextCommitted(plan, [this.committed])[0] ?? null;
		this.source.commit(end);
		return { start, end, rows };
	}

	/** processAllAvailable under the default trigger: trigger until nothing new. */
	drain(max = 1000): RanBatch[] {
		const out: RanBatch[] = [];
		for (let i = 0; i < max; i++) {
			const b = this.trigger();
			if (b === null) break;
			out.push(b);
		}
		return out;
	}
}

export const values = (rows: readonly SourceRow[]) => rows.map((r) => r.value);
