// The engine's entry for server code only (prerendering): every question's program text. Kept
// out of `index.ts`, whose modules reach the browser: the programs are tagged template calls, so
// a bundler cannot drop them, and each page needs only its own (through its question's folder).
export { PROGRAMS } from './questions/programs';
