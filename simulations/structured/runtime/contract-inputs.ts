/**
 * The sources of `simulations/sources` behind StreamInputs (stream-inputs.ts): each source's
 * read limit for the run's trigger (setUpTrigger), `latestOffset(start, limit)` per trigger, its
 * offset JSON in offsets/N, and its rows in the bound schema's column order.
 */
import type { DataType, StructField, Value } from '../expr/ast';
import type { SourceField, SourceRow, StreamingSource } from '../../sources/contract';
import type { ReadLimit } from '../../sources/read-limit';
import { setUpTrigger, type TriggerKind } from '../../sources/trigger-plan';
import type { Row } from './context';
import type { MemoryStreams } from './memory-stream';
import {
	memoryInputs,
	type PlannedSource,
	type SourceOffset,
	type StreamInputs
} from './stream-inputs';

/** A source's column types as the engine's (Kafka's binary key/value are shown as text). */
export function engineType(t: SourceField['type']): DataType {
	switch (t) {
		case 'binary':
		case 'string':
			return { kind: 'string' };
		case 'int':
			return { kind: 'int' };
		case 'bigint':
			return { kind: 'long' };
		case 'timestamp':
			return { kind: 'timestamp' };
		case 'boolean':
			return { kind: 'boolean' };
	}
}

export const engineSchema = (fields: readonly SourceField[]): StructField[] =>
	fields.map((f) => ({ name: f.name, type: engineType(f.type) }));

interface Bound {
	readonly source: StreamingSource<unknown>;
	readonly limit: ReadLimit;
	/** The columns the query reads, by name, in the order the plan bound them. */
	readonly columns: readonly string[];
}

/** Contract sources by the name the plan reads them under, set up for one run's trigger. */
export class ContractInputs implements StreamInputs {
	private readonly bound = new Map<string, Bound>();
	/** What Spark logs while setting the trigger up (Trigger.Once ignoring a read limit). */
	readonly warnings: readonly string[];

	constructor(
		sources: ReadonlyMap<string, { source: StreamingSource<unknown>; columns: readonly string[] }>,
		trigger: TriggerKind
	) {
		const names = [...sources.keys()];
		const list = names.map((n) => (sources.get(n) as { source: StreamingSource<unknown> }).source);
		const setup = setUpTrigger(list, trigger);
		this.warnings = setup.warnings;
		names.forEach((n, i) => {
			const s = sources.get(n) as { source: StreamingSource<unknown>; columns: readonly string[] };
			this.bound.set(n, {
				source: s.source,
				columns: s.columns,
				limit: setup.limits[i] as ReadLimit
			});
		});
	}

	has(name: string): boolean {
		return this.bound.has(name);
	}

	source(name: string): StreamingSource<unknown> | undefined {
		return this.bound.get(name)?.source;
	}

	private get(name: string): Bound {
		const b = this.bound.get(name);
		if (b === undefined) throw new Error(`no source is bound to ${name}`);
		return b;
	}

	private startOf(b: Bound, committed: SourceOffset | undefined): unknown {
		return committed === undefined
			? b.source.initialOffset()
			: b.source.parseOffset(`${committed}`);
	}

	plan(name: string, committed: SourceOffset | undefined): PlannedSource {
		const b = this.get(name);
		const start = this.startOf(b, committed);
		const end = b.source.latestOffset(start, b.limit);
		if (end === null) return { end: committed, newData: false };
		const json = b.source.offsetJson(end);
		// A source that never had a committed offset is new as soon as it has one (batch 0 of a
		// fresh Kafka or rate query runs even with nothing to read).
		const newData =
			committed === undefined || !b.source.sameOffset(b.source.parseOffset(`${committed}`), end);
		return { end: json, newData };
	}

	read(name: string, start: SourceOffset | undefined, end: SourceOffset | undefined): Row[] {
		const b = this.get(name);
		if (end === undefined) return [];
		const s = this.startOf(b, start);
		const e = b.source.parseOffset(`${end}`);
		const out: Row[] = [];
		for (const p of b.source.planInputPartitions(s, e))
			for (const r of b.source.readPartition(p, s, e)) out.push(toRow(r, b.columns));
		return out;
	}

	commit(name: string, offset: SourceOffset | undefined): void {
		if (offset === undefined) return;
		const b = this.get(name);
		b.source.commit(b.source.parseOffset(`${offset}`));
	}

	describe(name: string): string {
		return this.bound.get(name)?.source.description ?? name;
	}
}

const toRow = (r: SourceRow, columns: readonly string[]): Row =>
	columns.map((c): Value => r[c] ?? null);

/** Memory streams and contract sources side by side, each name answered by its own kind. */
export function combinedInputs(memory: MemoryStreams, contract: ContractInputs): StreamInputs {
	const mem = memoryInputs(memory);
	const pick = (name: string): StreamInputs => (contract.has(name) ? contract : mem);
	return {
		plan: (n, c) => pick(n).plan(n, c),
		read: (n, s, e) => pick(n).read(n, s, e),
		commit: (n, o) => pick(n).commit(n, o),
		describe: (n) => pick(n).describe(n)
	};
}
