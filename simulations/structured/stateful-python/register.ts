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
import { runBatchPlan } from './batch-plan';
import { pythonStateCall } from '../reader/python-state';

registerPythonState({
	libraryModules: LIBRARY_MODULES,
	stateNames: STATE_NAMES,
	planPythonState,
	readCall: pythonStateCall,
	collect: (plan, conf, at) => {
		const { names, types, rows } = runBatchPlan(plan, conf, at);
		return rows.map(
			(r) =>
				new PdRow(
					names,
					r.map((v, i) => toPython(v, types[i])),
					'Row'
				)
		);
	}
});
