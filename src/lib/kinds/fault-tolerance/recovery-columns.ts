/**
 * advanced-04's state store drawing, a pure function of the run at the cursor: per state
 * partition a column of its version files (newest at the bottom), and while a restart recovers,
 * which of them it loads (the snapshot), replays (the deltas after it) and which one the re-run
 * writes again (the crashed batch's own version). The plan is the engine's (FtRun.recoveries).
 */
import type { FtFile, FtFrame, FtRecovery, FtRun } from '$sim/kinds/fault-tolerance';

export type CellRole = 'loaded' | 'replayed' | 'rewritten' | null;

export interface VersionCell {
	readonly path: string;
	readonly name: string;
	readonly version: number;
	readonly snapshot: boolean;
	readonly role: CellRole;
}

export interface StateColumn {
	readonly dir: string;
	readonly cells: readonly VersionCell[];
	readonly hidden: number;
	/** "load 10.snapshot, replay 11.delta 12.delta → version 12" while recovering. */
	readonly plan: string | null;
}

const STATE = /^(state\/\d+\/\d+)\/(\d+)\.(delta|snapshot|changelog|zip)$/;

/** The recovery the cursor is in: from the restart to the end of the batch it re-ran. */
export function activeRecovery(run: FtRun, frame: FtFrame): FtRecovery | null {
	return run.recoveries?.find((r) => frame.t >= r.startMs && frame.t <= r.endMs) ?? null;
}

export function stateColumns(run: FtRun, frame: FtFrame, keep = 12): StateColumn[] {
	const active = activeRecovery(run, frame);
	const by = new Map<string, FtFile[]>();
	for (const f of frame.files) {
		const m = STATE.exec(f.path);
		if (!m) continue;
		by.set(m[1] as string, [...(by.get(m[1] as string) ?? []), f]);
	}
	return [...by.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([dir, files]) => {
			const plan = active?.partitions.find((p) => p.dir === dir) ?? null;
			const cells = files
				.map((f): VersionCell => {
					const m = STATE.exec(f.path) as RegExpExecArray;
					const version = Number(m[2]);
					const snapshot = m[3] === 'snapshot' || m[3] === 'zip';
					const role: CellRole = !plan
						? null
						: snapshot && version === plan.snapshot
							? 'loaded'
							: !snapshot && plan.deltas.includes(version)
								? 'replayed'
								: version === plan.version + 1
									? 'rewritten'
									: null;
					return { path: f.path, name: f.path.slice(dir.length + 1), version, snapshot, role };
				})
				.sort((a, b) => a.version - b.version || Number(a.snapshot) - Number(b.snapshot));
			const ext = (snap: boolean) =>
				cells.find((c) => c.snapshot === snap)?.name.split('.')[1] ?? (snap ? 'snapshot' : 'delta');
			const text = plan
				? [
						plan.snapshot !== null ? `load ${plan.snapshot}.${ext(true)}` : 'start empty',
						plan.deltas.length > 0
							? `replay ${plan.deltas.map((v) => `${v}.${ext(false)}`).join(' ')}`
							: null
					]
						.filter((x) => x !== null)
						.join(', ') + ` → version ${plan.version}`
				: null;
			return {
				dir,
				cells: cells.slice(-keep),
				hidden: Math.max(0, cells.length - keep),
				plan: text
			};
		});
}
