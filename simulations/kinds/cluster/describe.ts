/** One sentence for the frame at `t`: the newest finished batch, its delays, the backlog, and
 *  the signs of trouble a reader of the dashboard would see then. */
import { frameAt, type ClusterSimRun } from './frames';
import { challengeStory } from './challenge-story';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

export function describeClusterFrame(run: ClusterSimRun, t: number): string {
	const { last, trouble } = frameAt(run, t);
	if (!last) return 'No batch has finished yet; records are arriving at the source.';
	const queued = last.queuedAtEnd > 0 ? ` and ${n(last.queuedAtEnd)} in queued batches` : '';
	// The first sign only: the narration stays one or two sentences (the panel lists them all).
	const signs = trouble[0] ? ` ${trouble[0].text}` : '';
	const story = challengeStory(run, last.id, t);
	if (story) return story;
	const p = last.costParts;
	// A page that writes the transformation as a UDF (advanced-13) says where the time went.
	const split =
		p && last.records > 0
			? ` Its tasks spent ${n(p.jvmMs)} ms in the JVM, ${n(p.transferMs)} ms moving rows to Python and back, ${n(p.pythonMs)} ms in Python.`
			: '';
	return `Batch ${last.id} processed ${n(last.records)} records in ${s(last.processingMs)} after waiting ${s(last.schedulingDelayMs)}; ${n(last.backlogAtEnd)} records wait at the source${queued}.${split}${signs}`;
}
