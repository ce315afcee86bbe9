import { describe, expect, it } from 'vitest';
import { controllerOf } from './controllers';
import { EVENT_TIME_SCENARIOS } from '../../../simulations/kinds/event-time/questions';

const late = EVENT_TIME_SCENARIOS['basic-08-late-data']!;

describe('InputEditor (basic-08)', () => {
	it('a nudge stops at event time 0: presses past it add nothing, the next ↑ moves at once', () => {
		const c = controllerOf(late);
		const session = c.program;
		const editor = c.inputEdits!;
		const id = editor.add(3000)!;
		for (let i = 0; i < 6; i++) editor.move(id, -1000);
		expect(editor.edits.at(-1)).toEqual({ kind: 'move', id, deltaMs: -3000 });
		editor.move(id, 1000);
		expect(session.run!.events.find((e) => e.id === id)?.eventTimeMs).toBe(1000);
	});

	it('a nudge stops at twice the run’s length, the most a link carries', () => {
		const c = controllerOf(late);
		const session = c.program;
		const editor = c.inputEdits!;
		const id = editor.add(50_000)!;
		editor.move(id, 500_000);
		const limit = 2 * late.input(session.params, session.seed).runLengthMs;
		expect(session.run!.events.find((e) => e.id === id)?.eventTimeMs).toBe(limit);
		expect(editor.edits.at(-1)).toEqual({ kind: 'move', id, deltaMs: limit - 50_000 });
	});

	it('load replaces the edits without running the engine (the link’s one run does)', () => {
		const c = controllerOf(late);
		const session = c.program;
		const before = session.run;
		c.inputEdits!.load([{ kind: 'delete', id: 'events-1' }]);
		expect(session.run).toBe(before);
		session.reseed(session.seed);
		expect(session.run!.events.some((e) => e.id === 'events-1')).toBe(false);
	});
});
