/**
 * Runs a page's DStream program on the DStream engine over simulated socket lines and turns its
 * event trace into a DsRun. Every fact comes from an engine event: blocks from `block`, each
 * RDD's size and elements from `batchCompleted.rdds`/`outputs`, delays from `batchCompleted`,
 * checkpoint writes (metadata and data) from `checkpoint`; the lines each construct sits on from
 * the reader's spans, for the code focus. A program Spark would refuse to start, or a
 * batch that fails, comes back as a located error (SPARK-SEMANTICS R8.4, R8.5).
 */
import type { Result } from '../../core/errors';
import type { BatchCompleted, BlockEvent, CheckpointEvent } from '../../dstream/events';
import type { CostModel } from '../../dstream/cost';
import {
	readDStreamProgram,
	readStreamingConf,
	simulateDStreams,
	simulateDriverRestart
} from '../../dstream/index';
import type {
	DriverFailure,
	DStreamProgram,
	OutputResult,
	RecordSource
} from '../../dstream/index';
import { repr } from '../../python/format';
import type { Span } from '../../python/errors';
import type {
	DsBatch,
	DsCell,
	DsCheckpoint,
	DsLines,
	DsRow,
	DsRowKind,
	DsRun,
	DsSpans
} from './frames';
import { MAX_RECORDS } from './frames';

export interface DStreamRunOptions {
	readonly durationMs: number;
	readonly startEpochMs: number;
	/** One source per socket or file input, in the order the program creates them. */
	readonly sources: readonly RecordSource[];
	readonly cost: CostModel;
	readonly seed: number;
	/** A driver failure and restart; `firstCode` is the program the first driver ran. */
	readonly restart?: { readonly failure: DriverFailure; readonly firstCode: string };
}

export function runDStreamProgram(code: string, options: DStreamRunOptions): Result<DsRun> {
	const readCode = (src: string) => readDStreamProgram(src, { startEpochMs: options.startEpochMs });
	const read = readCode(code);
	if (!read.ok) return read;
	const restart = options.restart;
	// After a restart from a checkpoint the program that runs is the checkpointed one.
	const checkpointed = restart ? readCode(restart.firstCode) : read;
	if (!checkpointed.ok) return checkpointed;
	const program = checkpointed.value;
	const simOptions = {
		durationMs: options.durationMs,
		sources: options.sources,
		cost: { ...options.cost, ...coresOf(program.state.master, options.cost) },
		seed: options.seed
	};
	const recovery = restart
		? simulateDriverRestart(
				() => (readCode(restart.firstCode) as { value: DStreamProgram }).value,
				simOptions,
				restart.failure
			)
		: null;
	const trace = recovery ? recovery.events : simulateDStreams(program, simOptions);
	const failed = trace.find((e) => e.type === 'error');
	if (failed) return { ok: false, error: failed.error };
	const rows = rowsOf(program);
	const batchMs = program.state.batchMs ?? 1000;
	const blocks = trace.filter((e): e is BlockEvent => e.type === 'block' && e.records > 0);
	const checkpoints = trace
		.filter((e): e is CheckpointEvent => e.type === 'checkpoint')
		.map((e): DsCheckpoint => ({
			atMs: e.time,
			batchTime: e.batchTime,
			kind: e.kind,
			nodeId: e.nodeId ?? null
		}));
	const saved = new Set(
		checkpoints.filter((c) => c.kind === 'data').map((c) => `${c.nodeId}@${c.batchTime}`)
	);
	const batches = trace
		.filter((e): e is BatchCompleted => e.type === 'batchCompleted')
		.map((e) => toBatch(e, program, rows, batchMs, blocks, saved, recovery?.facts?.restartAtMs))
		.sort((a, b) => a.endMs - b.endMs);
	const stalled = trace.find((e) => e.type === 'stalled');
	return {
		ok: true,
		value: {
			batchMs,
			blockIntervalMs: readStreamingConf(program.state.conf, batchMs).blockIntervalMs,
			rows,
			batches,
			endMs: Math.max(options.durationMs, ...batches.map((b) => b.endMs)),
			stalled: stalled?.type === 'stalled' ? stalled.reason : null,
			spans: spansOf(program, rows),
			checkpoints,
			restart:
				recovery?.facts && restart
					? {
							...recovery.facts,
							fromCheckpoint: recovery.facts.checkpointTime !== null,
							codeIgnored: recovery.facts.checkpointTime !== null && restart.firstCode !== code
						}
					: null
		}
	};
}

function spansOf(program: DStreamProgram, rows: readonly DsRow[]): DsSpans {
	const { state, src } = program;
	const lines = (span: Span): DsLines => ({
		line: src.slice(0, span.from).split('\n').length,
		endLine: src.slice(0, span.to).split('\n').length
	});
	const nodes = state.graph.nodes;
	return {
		context: state.batchSpan ? lines(state.batchSpan) : null,
		checkpoint: state.checkpointSpan ? lines(state.checkpointSpan) : null,
		rows: rows.flatMap((r) => {
			const node = nodes.find((n) => n.id === r.nodeId);
			return node ? [{ nodeId: r.nodeId, ...lines(node.span) }] : [];
		}),
		outputs: state.outputs.map((o) => ({ nodeId: o.node.id, kind: o.kind, ...lines(o.span) }))
	};
}

/** local[n] gives one executor with n cores (local[*]: taken as 4); one goes to each receiver. */
function coresOf(master: string | undefined, cost: CostModel): Partial<CostModel> {
	const m = /^local\[(\d+|\*)\]$/.exec(master ?? '');
	if (!m?.[1]) return master === 'local' ? { executors: 1, coresPerExecutor: 1 } : {};
	return {
		executors: 1,
		coresPerExecutor: m[1] === '*' ? 4 : Number(m[1]) || cost.coresPerExecutor
	};
}

/** The input DStreams, then each output operation's DStream: the lineage the page draws. */
function rowsOf(program: DStreamProgram): DsRow[] {
	const { state, src } = program;
	const rows: DsRow[] = [];
	const add = (node: (typeof state.inputs)[number]['node'], kind: DsRowKind) => {
		if (rows.some((r) => r.nodeId === node.id)) return;
		const before = src.slice(0, node.span.from);
		const line = before.split('\n').length;
		// `name = expr` on one line, or `name = (` with the expression on the lines below.
		const name =
			/([A-Za-z_]\w*)\s*=[\s(]*$/.exec(before.split('\n').slice(-3).join('\n'))?.[1] ?? node.op;
		rows.push({
			nodeId: node.id,
			kind,
			name,
			op: node.op,
			sparkClass: node.sparkClass,
			slideMs: node.slideMs,
			line,
			...(node.windowMs !== undefined ? { windowMs: node.windowMs } : {})
		});
	};
	for (const i of state.inputs) add(i.node, 'input');
	for (const o of state.outputs) {
		const n = o.node;
		add(n, n.windowMs !== undefined ? 'window' : n.op === 'updateStateByKey' ? 'state' : 'batch');
	}
	return rows;
}

function toBatch(
	e: BatchCompleted,
	program: DStreamProgram,
	rows: readonly DsRow[],
	batchMs: number,
	blocks: readonly BlockEvent[],
	saved: ReadonlySet<string>,
	restartAt: number | undefined
): DsBatch {
	const t = e.batchTime;
	const outputs = program.state.outputs;
	const cells = rows.map((row): DsCell => {
		const out = outputs.find((o) => o.node.id === row.nodeId);
		const result: OutputResult | undefined = out && e.outputs.find((r) => r.outputId === out.id);
		const snap = e.rdds.find((s) => s.nodeId === row.nodeId && s.time === t);
		const records = result?.records?.map((v) => (typeof v === 'string' ? v : repr(v)));
		const present = (result ? result.records !== undefined : false) || snap !== undefined;
		return {
			nodeId: row.nodeId,
			present,
			count: records?.length ?? snap?.partitionSizes.reduce((a, b) => a + b, 0) ?? 0,
			partitionSizes: snap?.partitionSizes ?? [],
			records: (records ?? snap?.sample ?? []).slice(0, MAX_RECORDS),
			checkpointed: saved.has(`${row.nodeId}@${t}`)
		};
	});
	const attempt = e.recovered || (restartAt !== undefined && t > restartAt) ? 1 : 0;
	return {
		batchTime: t,
		attempt,
		rerun: e.recovered === true,
		startMs: e.time - e.processingDelay,
		endMs: e.time,
		schedulingDelay: e.schedulingDelay,
		processingDelay: e.processingDelay,
		numRecords: e.numRecords,
		// The receiver's blocks of (t - batchInterval, t] are this batch's partitions (R8.2).
		blocks: blocks
			.filter((k) => k.time > t - batchMs && k.time <= t)
			.filter((k) => (k.restarted === true) === (attempt === 1))
			.map((k) => ({ atMs: k.time, records: k.records })),
		cells,
		pprint: e.outputs.flatMap((o) => o.lines ?? [])
	};
}
