/**
 * Loads Monaco the Vite way: the editor API, the Python grammar contribution and the editor web
 * worker as a Vite `?worker` chunk. Imported lazily (dynamic import) after the page has painted,
 * so the prerendered `<pre>` is what a visitor sees first and what works without JavaScript.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

let configured = false;

export function setupMonaco(): typeof monaco {
	if (!configured) {
		self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
		configured = true;
	}
	return monaco;
}

export type Monaco = typeof monaco;
