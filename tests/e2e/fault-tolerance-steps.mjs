// What the fault-tolerance page tests share (basic-14, advanced-04): now the shared helpers of
// browser.mjs, kept under these names so the files that import them from here still work.
import { stepToEnd as step } from './browser.mjs';

export { editorText, text } from './browser.mjs';

export const stepToEnd = (page, max = 60) => step(page, { max });
