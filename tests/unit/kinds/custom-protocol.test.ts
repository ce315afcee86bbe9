// advanced-09 on the custom-protocol kind, at seed 1: each preset's aha as the frame at the end
// counts it, the predictions answered from the run, and the editor's text read back.
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../simulations/core/params';
import { customProtocolKind as kind } from '../../../simulations/kinds/custom-protocol/kind';
import { customProtocolEngine as engine } from '../../../simulations/kinds/custom-protocol/engine';
import type { CpRun } from '../../../simulations/kinds/custom-protocol/frames';
import { advanced09Custom as q } from '../../../simulations/questions/advanced-09-custom-sources-sinks/question';
import { runProgram } from '../fixtures/run-program';

function runPreset(id: string): CpRun {
	const preset = q.presets.find((p) => p.id === id);
	const params = q.constrain({ ...defaultParams(q.schema), ...preset?.params }).params;
	return runProgram(engine, q, params);
}

describe('advanced-09 presets at seed 1', () => {
	it.each([
		['deterministic-read', 0, 10, 10],
		['non-deterministic-read', 100, 10, 10],
		['non-idempotent-commit', 0, 11, 10]
	])(
		'%s: rows read differently %i, sink lines %i for %i committed batches',
		(id, diff, lines, committed) => {
			const run = runPreset(id);
			const end = kind.frameAt(run, kind.endMs(run));
			expect(end.replays).toBe(1);
			expect(end.differingRows).toBe(diff);
			expect(end.sinkLines).toBe(lines);
			expect(end.committedBatches).toBe(committed);
			expect(run.crashes).toEqual([{ atMs: 8000, batchId: 4, phase: 'afterSinkBeforeCommit' }]);
		}
	);

	it('asks where batch 2 starts and how many replayed rows differ, answered by the run', () => {
		const [start, replay] = kind.features.predictions?.(runPreset('non-deterministic-read')) ?? [];
		expect(start?.answer).toBe('logged');
		expect(start?.explanation).toContain('partitions({"offset": 100}, {"offset": 200})');
		const chosen = replay?.choices.find((c) => c.id === replay.answer);
		expect(chosen?.label).toBe('100 rows');
		const det = kind.features.predictions?.(runPreset('deterministic-read'))[1];
		expect(det?.choices.find((c) => c.id === det.answer)?.label).toBe('0 rows');
	});

	it('the controls follow the program: an edited read line and partition count read back', () => {
		const code = q
			.program(defaultParams(q.schema))
			.replace('.option("numPartitions", 2)', '.option("numPartitions", 5)')
			.replace(
				'reading = (row_id * 7919 % 1000) / 10.0',
				'reading = round(random.random() * 100, 1)'
			);
		const params = kind.paramsOf(q, code, null, defaultParams(q.schema));
		expect(params.numPartitions).toBe(5);
		expect(params.deterministicRead).toBe('off');
	});

	it('narrates the call on screen, and the method behind it is the code focus', () => {
		const run = runPreset('deterministic-read');
		const read = run.calls.find((c) => c.batchId === 2 && c.method === 'read');
		const t = run.callMs[read?.seq ?? 0] ?? 0;
		expect(kind.describe(run, t)).toMatch(
			/^Batch 2: the executor calls SensorStreamReader\.read\(IdRange\(start=100, end=150\)\)/
		);
		expect(kind.codeFocus(run, t)[0]).toMatchObject({
			kind: 'method',
			line: run.methodLines['SensorStreamReader.read']?.line
		});
	});
});
