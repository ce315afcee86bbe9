// The event-time kind's public entry: what `src/` may import of it (views, types, the kind).
export { eventTimeKind } from './kind';
export * from './frames';
export { markersOf, MARKER_KINDS, seconds, type Marker, type MarkerKind } from './markers';
export { codeFocusAt, type CodeFocus } from './code-focus';
export { diffSinks, type SinkDiff, type BatchDiff } from '../sink-diff';
export { describeFrame } from './describe';
export * from '../input-edits';
export { checkInputEdits, type DroppedEdit } from '../input-edit-check';
export type {
	EventTimeInput,
	EventTimePreset,
	EventTimeScenario,
	SimEvent,
	SourceStream
} from './question';
