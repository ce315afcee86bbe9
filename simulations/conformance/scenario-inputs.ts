/**
 * A scenario's inputs (FORMAT.md column lists = MemoryStream, FORMAT-ADDITIONS.md `kind`s:
 * `memory`, `files`, `kafka`, `rate`, `rate-micro-batch`): the schema each binds in the program,
 * the input each `addData` and `addPartitions` step writes to, and at every (re)start the
 * StreamInputs the executor reads, with fresh source instances over the handles that outlive
 * the run (broker, directory, Kafka's initial offsets, the rate source's creation time).
 */
import type { StructField } from '../structured/expr/ast';
import { parseDataType } from '../structured/expr/index';
import type { Row } from '../structured/runtime/context';
import { MemoryStreams } from '../structured/runtime/memory-stream';
import {
	ContractInputs,
	combinedInputs,
	engineSchema
} from '../structured/runtime/contract-inputs';
import type { StreamInputs } from '../structured/runtime/stream-inputs';
import type { SourceClock, StreamingSource } from '../sources/contract';
import {
	FilesInput,
	KafkaInput,
	inputHandle,
	type InputHandle,
	type KafkaEvent,
	type ScenarioInput
} from '../sources/inputs';
import { KAFKA_SCHEMA } from '../sources/kafka/row';
import type { TriggerKind } from '../sources/trigger-plan';
import { fromScenarioValue } from './compare';

type Columns = readonly (readonly [string, string])[];
export type InputSpec = Columns | ({ readonly columns?: Columns } & ScenarioInput);

const columnsOf = (cols: Columns): StructField[] =>
	cols.map(([n, t]) => ({ name: n, type: parseDataType(t) ?? { kind: 'string' } }));

const RATE_SCHEMA: StructField[] = [
	{ name: 'timestamp', type: { kind: 'timestamp' } },
	{ name: 'value', type: { kind: 'long' } }
];

/** The schema a kind binds before any projection (Spark's source schemas; text = `value`). */
function schemaOf(spec: InputSpec): StructField[] {
	if (Array.isArray(spec)) return columnsOf(spec as Columns);
	const s = spec as { kind: string; columns?: Columns };
	switch (s.kind) {
		case 'kafka':
			return engineSchema(KAFKA_SCHEMA);
		case 'rate':
		case 'rate-micro-batch':
			return RATE_SCHEMA;
		case 'files':
			return [{ name: 'value', type: { kind: 'string' } }];
		default:
			return columnsOf(s.columns ?? []);
	}
}

export type Started = { ok: true; inputs: StreamInputs } | { ok: false; error: string };

export class ScenarioInputs {
	readonly bindings: Record<string, StructField[]> = {};
	readonly memory = new MemoryStreams();
	private readonly handles = new Map<string, InputHandle>();
	/** Problems building a handle (an unsupported file format): the query cannot start. */
	readonly problems: string[] = [];
	/** The sources of the current run, by input name (for pages and reports). */
	current: ReadonlyMap<string, StreamingSource<unknown>> = new Map();

	constructor(
		specs: Readonly<Record<string, InputSpec>>,
		clock: SourceClock,
		defaultParallelism = 2
	) {
		for (const [name, spec] of Object.entries(specs)) {
			this.bindings[name] = schemaOf(spec);
			if (Array.isArray(spec) || (spec as { kind: string }).kind === 'memory') continue;
			const h = inputHandle(name, spec as ScenarioInput, { clock, defaultParallelism });
			if (h.ok) this.handles.set(name, h.handle);
			else this.problems.push(h.error);
		}
	}

	/** addData for one input: MemoryStream rows, one new file, or Kafka records. */
	addData(name: string, data: readonly unknown[]): string | null {
		const h = this.handles.get(name);
		if (h === undefined) {
			const cols = this.bindings[name] ?? [];
			this.memory.addData(
				name,
				(data as unknown[][]).map((r): Row =>
					r.map((v, i) => fromScenarioValue(v, cols[i]?.type ?? { kind: 'string' }))
				)
			);
			return null;
		}
		if (h instanceof KafkaInput) h.addData(data as KafkaEvent[]);
		else if (h instanceof FilesInput) h.addData(data as string[][]);
		else return `input "${name}" takes no addData (its rows follow from its options and the clock)`;
		return null;
	}

	addPartitions(name: string, topic: string, partitions: number): string | null {
		const h = this.handles.get(name);
		if (!(h instanceof KafkaInput)) return `addPartitions: input "${name}" is not a kafka input`;
		h.addPartitions(topic, partitions);
		return null;
	}

	/** Fresh sources for a (re)start, set up for this run's trigger. */
	start(trigger: TriggerKind): Started {
		const sources = new Map<
			string,
			{ source: StreamingSource<unknown>; columns: readonly string[] }
		>();
		for (const [name, h] of this.handles) {
			const r = h.start();
			if (!r.ok) return r;
			sources.set(name, {
				source: r.source,
				columns: (this.bindings[name] ?? []).map((f) => f.name)
			});
		}
		this.current = new Map([...sources].map(([n, s]) => [n, s.source]));
		const contract = new ContractInputs(sources, trigger);
		return { ok: true, inputs: combinedInputs(this.memory, contract) };
	}
}
