/**
 * The engine in a Web Worker: runs one question's simulation on a request (program, parameters,
 * seed, scripted rows, input edits) and posts the run back. A run is a pure function of its
 * request and plain data (simulations/kinds/kind.ts), so the worker needs nothing but the slug
 * and the program tab to find the simulation. Anything it cannot do (a run that will not clone)
 * answers `fallback`, and the page runs it on the main thread instead.
 */
import { loadQuestion, type QuestionSimulation, type RunRequest } from '$sim';

export interface EngineJob {
	readonly id: number;
	readonly slug: string;
	readonly programId: string;
	readonly request: RunRequest;
}

const scope = self as unknown as {
	postMessage(message: unknown): void;
	onmessage: ((event: MessageEvent<EngineJob>) => void) | null;
};

const loaded = new Map<string, Promise<readonly QuestionSimulation[]>>();

function simulationsOf(slug: string): Promise<readonly QuestionSimulation[]> {
	let found = loaded.get(slug);
	if (!found) {
		found = loadQuestion(slug).then(async (q) =>
			q ? [...q.simulations, ...((await q.later?.()) ?? [])] : []
		);
		loaded.set(slug, found);
	}
	return found;
}

// The page tells a worker that died on a job from one whose script never loaded.
scope.postMessage({ ready: true, id: 0 });

scope.onmessage = async ({ data: { id, slug, programId, request } }) => {
	try {
		const sim = (await simulationsOf(slug)).find((s) => s.question.programId === programId);
		if (!sim) {
			scope.postMessage({ id, fallback: `no simulation for ${slug}/${programId}` });
			return;
		}
		scope.postMessage({ id, result: sim.kind.run(sim.question, request) });
	} catch (e) {
		scope.postMessage({ id, fallback: String(e) });
	}
};
