// The cluster kind's public entry: what `src/` may import of it (views, types, the kind).
export { clusterKind } from './kind';
export * from './frames';
export { CLUSTER_MARKER_KINDS, type ClusterMarkerKind } from './markers';
export type { ClusterScenario, ClusterWorld } from './question';
export type { ProgramSettings, StructuredSettings, DStreamSettings } from './settings';
export { recentProgress, structuredStreamingCharts, type UiChart } from '../../cluster/ui-series';
export type { TaskRecord } from '../../cluster/scheduler';
export type { PidStep } from '../../dstream/pid';
export type { SweepPoint, SweepResult } from '../../cluster/sweep';
export { describeSweep } from './sweep-story';
