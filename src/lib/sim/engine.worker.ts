/**
 * The engine in a Web Worker: runs one question's simulation on a request (program, parameters,
 * seed, scripted rows, input edits) and posts the run back, with the generated input records
 * when the page asks (input edits act on them). A run is a pure function of its request and plain
 * data (simulations/kinds/kind.ts), so the worker needs nothing but the slug and the program tab
 * to find the simulation; it loads the kind's engine (the page's main thread never does).
 * Anything it cannot do (a run that will not clone) answers `fallback`.
 */
import {
	loadQuestion,
	withEngines,
	type CompanionEngine,
	type KindEngine,
	type QuestionSimulation,
	type RunRequest
} from '$sim';

export interface EngineJob {
	readonly id: number;
	readonly slug: string;
	/** The program tab: a simulation's, or its companion's (basic-03's Structured version). */
	readonly programId: string;
	readonly request: RunRequest;
	/** `run`: the run; `input`: only the generated input; `both`: the run and its input. */
	readonly want: 'run' | 'input' | 'both';
}

const scope = self as unknown as {
	postMessage(message: unknown): void;
	onmessage: ((event: MessageEvent<EngineJob>) => void) | null;
};

const loaded = new Map<string, Promise<readonly QuestionSimulation[]>>();

function simulationsOf(slug: string): Promise<readonly QuestionSimulation[]> {
	let found = loaded.get(slug);
	if (!found) {
		found = loadQuestion(slug).then((q) => (q ? withEngines(q) : []));
		loaded.set(slug, found);
	}
	return found;
}

/** What runs `programId`: a simulation's kind engine, or a companion's. */
async function engineOf(
	slug: string,
	programId: string
): Promise<{ sim: QuestionSimulation; engine: KindEngine | CompanionEngine<unknown> } | null> {
	for (const sim of await simulationsOf(slug)) {
		if (sim.question.programId === programId && sim.engine) return { sim, engine: sim.engine };
		if (sim.companion?.programId === programId && sim.companionEngine)
			return { sim, engine: sim.companionEngine };
	}
	return null;
}

// The page tells a worker that died on a job from one whose script never loaded.
scope.postMessage({ ready: true, id: 0 });

scope.onmessage = async ({ data: { id, slug, programId, request, want } }) => {
	try {
		const found = await engineOf(slug, programId);
		if (!found) {
			scope.postMessage({ id, fallback: `no simulation for ${slug}/${programId}` });
			return;
		}
		const { sim, engine } = found;
		const input =
			want !== 'run' && 'input' in engine
				? engine.input?.(sim.question, request.params, request.seed, request.script)
				: undefined;
		const result = want === 'input' ? undefined : engine.run(sim.question, request);
		scope.postMessage({ id, result, input });
	} catch (e) {
		scope.postMessage({ id, fallback: String(e) });
	}
};
