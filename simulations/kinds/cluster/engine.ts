/** The cluster kind's engine (kind.ts loads it lazily): the page's program on the cluster model. */
import type { KindEngine } from '../kind';
import type { ClusterSimRun } from './frames';
import type { ClusterScenario } from './question';
import { runClusterProgram } from './run';

export const clusterEngine: KindEngine<ClusterScenario, ClusterSimRun> = { run: runClusterProgram };
