/**
 * Each kind's UI, loaded lazily: a page imports only the kinds its question runs, so its
 * first-load JavaScript carries one engine and one set of views (`npm run weight` measures it).
 */
import type { KindId } from '$sim';
import type { KindUi } from './kind-ui';

const LOADERS: Readonly<Record<KindId, () => Promise<{ ui: KindUi }>>> = {
	'event-time': () => import('$lib/kinds/event-time/index'),
	'micro-batch': () => import('$lib/kinds/micro-batch/index'),
	dstream: () => import('$lib/kinds/dstream/index'),
	cluster: () => import('$lib/kinds/cluster/index'),
	'source-sink': () => import('$lib/kinds/source-sink/index'),
	'fault-tolerance': () => import('$lib/kinds/fault-tolerance/index'),
	'keyed-state': () => import('$lib/kinds/keyed-state/index'),
	'schema-evolution': () => import('$lib/kinds/schema-evolution/index'),
	'custom-protocol': () => import('$lib/kinds/custom-protocol/index'),
	'test-bench': () => import('$lib/kinds/test-bench/index')
};

export async function loadKindUi(kind: KindId): Promise<KindUi> {
	return (await LOADERS[kind]()).ui;
}
