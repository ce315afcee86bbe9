/**
 * tsx scripts/oracle-kafka-plan.ts OUT.json: for every page whose simulation reads Kafka (the
 * event-time kind), at its default parameters and at each preset, what the simulation did with
 * the same records a real broker will get (oracle/kafka_pages.py replays them):
 *   - the program, as the page renders it;
 *   - the Kafka records (topic, key, JSON value, CreateTime) grouped by the micro-batch that read
 *     them in the simulation, so the replay feeds Spark one batch's records at a time;
 *   - each simulated batch: no-data or not, input rows, rows dropped by the watermark, state
 *     rows, the watermark, and the rows the sink received.
 * Nothing here runs Spark; the seed is the page's default (1).
 */
import { writeFileSync } from 'node:fs';
import { defaultParams, type Params } from '../simulations/core/params';
import { kafkaRecords } from '../simulations/kinds/event-time/kafka';
import type { EventTimeScenario } from '../simulations/kinds/event-time/question';
import { engineBatches } from '../simulations/kinds/event-time/engine-batches';
import { runEventTimeProgram } from '../simulations/kinds/event-time/run';
import { loadQuestion, SIMULATIONS } from '../simulations/registry';

const out = process.argv[2];
if (!out) {
	console.error('usage: tsx scripts/oracle-kafka-plan.ts OUT.json');
	process.exit(2);
}

function plan(q: EventTimeScenario, label: string, raw: Params, script: string | undefined) {
	const { params } = q.constrain({ ...defaultParams(q.schema), ...raw });
	const code = q.program(params);
	// Presets that place rows by the engine's own batches need its plan (as the engine worker passes).
	const input = q.input(params, 1, script, engineBatches);
	const run = runEventTimeProgram(code, { input, kafkaValue: (e) => q.kafkaValue(e) });
	if (!run.ok) return { slug: q.slug, label, code, error: run.error.message };
	const batchOf = new Map(run.value.events.map((e) => [e.id, e.batchId]));
	const records = kafkaRecords(q, input).map((r) => ({
		topic: r.topic,
		key: r.key,
		value: r.value,
		timestampMs: r.timestampMs,
		batchId: batchOf.get(r.eventId) ?? null
	}));
	return {
		slug: q.slug,
		label,
		code,
		topics: input.streams.map((s) => s.topic),
		epochOffsetMs: input.epochOffsetMs,
		triggerIntervalMs: input.triggerIntervalMs,
		outputColumns: run.value.outputColumns,
		outputMode: run.value.outputMode,
		records,
		batches: run.value.batches.map((b) => ({
			batchId: b.batchId,
			noData: b.noData,
			numInputRows: b.numInputRows,
			numRowsDroppedByWatermark: b.numRowsDroppedByWatermark,
			numStateRows: b.numStateRows,
			watermarkMs: b.nextWatermarkMs,
			output: b.output
		}))
	};
}

const plans: unknown[] = [];
for (const slug of Object.keys(SIMULATIONS)) {
	const module = await loadQuestion(slug);
	for (const [i, { question, kind }] of (module?.simulations ?? []).entries()) {
		if (kind.id !== 'event-time') continue;
		const q = question as EventTimeScenario;
		// A page with several cases (advanced-15) has a default per case: the plan's name must
		// tell them apart, since `--only` picks plans by name.
		const which = i > 0 ? module?.cases?.options[i]?.value : undefined;
		plans.push(plan(q, which ? `${which}-default` : 'default', {}, undefined));
		for (const p of q.presets) plans.push(plan(q, p.id, p.params, p.script));
	}
}
writeFileSync(out, JSON.stringify(plans, null, 1) + '\n');
console.log(`wrote ${plans.length} Kafka replay plans to ${out}`);
