import type { EtFrame, EtRun } from '$sim/kinds/event-time';

/** What an event-time view draws from: the engine's run and its frame at the cursor (the windows,
 *  join buffers, sink table and progress views all take exactly these two). */
export interface EtViewProps {
	run: EtRun;
	frame: EtFrame;
}
