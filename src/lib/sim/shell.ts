// The simulation shell a page with a simulation loads lazily (+page.ts): the controller, the
// panel and the page-level wiring. A page without one never downloads it.
export { default as QuestionSim } from './QuestionSim.svelte';
export { QuestionPage } from './question-page.svelte';
