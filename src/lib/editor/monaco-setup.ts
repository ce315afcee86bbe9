/**
 * Loads Monaco the Vite way: the editor API, the Python grammar contribution and the editor web
 * worker as a Vite `?worker` chunk. Imported lazily (dynamic import) after the page has painted,
 * so the prerendered `<pre>` is what a visitor sees first and what works without JavaScript.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

import { EDITOR_THEMES } from './theme';

let configured = false;

export function setupMonaco(): typeof monaco {
	if (!configured) {
		self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
		defineThemes();
		configured = true;
	}
	return monaco;
}

export type Monaco = typeof monaco;

/**
 * Monaco's own vs / vs-dark themes with the colours that fail WCAG AA contrast replaced: comments
 * (read as explanations on every page, and the `# <- param` markers) and line numbers, also on the
 * code-focus highlights (--hl-* in app.css). Each stays ≥ 4.5:1 on the editor and highlight backgrounds.
 */
function defineThemes(): void {
	monaco.editor.defineTheme(EDITOR_THEMES.light, {
		base: 'vs',
		inherit: true,
		rules: [{ token: 'comment', foreground: '2a6320' }],
		colors: {
			'editorLineNumber.foreground': '#5f6670',
			'editorLineNumber.dimmedForeground': '#5f6670'
		}
	});
	monaco.editor.defineTheme(EDITOR_THEMES.dark, {
		base: 'vs-dark',
		inherit: true,
		rules: [{ token: 'comment', foreground: '8fbc7a' }],
		colors: {
			'editorLineNumber.foreground': '#9da5b4',
			'editorLineNumber.dimmedForeground': '#9da5b4'
		}
	});
}
