/** The page's program run as a Python data source query (structured/datasource), placed on the
 *  time axis for the page (frames.ts). */
import type { Result, SourceError } from '../../core/errors';
import { runProtocol, type ProtocolWorld } from '../../structured/datasource/protocol';
import { placeCalls, type CpRun } from './frames';

export function runCustomProtocol(
	code: string,
	world: ProtocolWorld,
	seed: number
): Result<CpRun, SourceError> {
	const r = runProtocol(code, world, seed);
	return r.ok ? { ok: true, value: placeCalls(r.value) } : r;
}
