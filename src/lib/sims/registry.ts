/** Which question pages run which built simulation. Pages not listed show SimulationPending. */
const MICRO_BATCH_PAGES = new Set([
	'basic-01-stream-processing',
	'basic-02-pyspark-streaming-support',
	'basic-11-micro-batches'
]);

export const hasMicroBatchSim = (slug: string): boolean => MICRO_BATCH_PAGES.has(slug);
