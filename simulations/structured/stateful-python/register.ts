/**
 * Registers arbitrary state in Python, the pandas subset and collect()'s Rows with the reader and
 * the planner (python-state-support.ts). Import it for its effect.
 */
import { registerPythonState } from '../python-state-support';
import { PdRow } from '../pandas/frame';
import { LIBRARY_MODULES } from '../pandas/modules';
import { planPythonState } from '../runtime/python-state-plan';
import { toPython } from './convert';
import { STATE_NAMES } from './names';

registerPythonState({
	libraryModules: LIBRARY_MODULES,
	stateNames: STATE_NAMES,
	planPythonState,
	row: (names, values, types) =>
		new PdRow(
			names,
			values.map((v, i) => toPython(v, types[i])),
			'Row'
		)
});
