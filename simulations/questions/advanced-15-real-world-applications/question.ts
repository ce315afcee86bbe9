/**
 * advanced-15 (SIM-12, applications): three cases, each a whole program with its own simulation
 * on the kind its pattern is (QUESTIONS.md §3: "the SIM-3/SIM-6 views plus an alert pane"):
 * fraud detection and IoT analytics on the event-time kind, anomaly detection on the keyed-state
 * kind. The page switches between them (QuestionModule.cases); each case's sink rows are its
 * alerts, listed by the kind's view in an alert pane.
 */
export { fraudCase } from './fraud';
export { iotCase } from './iot';
export { anomalyCase } from './anomaly';

/** The page's case switch: each value is a case's program tab. */
export const CASES = {
	key: 'case',
	label: 'Application',
	options: [
		{ value: 'main', label: 'Fraud detection' },
		{ value: 'iot', label: 'IoT analytics' },
		{ value: 'anomaly', label: 'Anomaly detection' }
	]
} as const;
