// The test-bench kind's UI entry, loaded lazily with its engine (src/lib/sim/kinds.ts).
export { ui } from './ui';
