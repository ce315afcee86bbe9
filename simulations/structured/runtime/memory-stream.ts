/**
 * The test source the conformance suites use (MemoryStream, SPARK-SEMANTICS R11.1): every
 * `addData` call appends one block and moves the offset by one; a batch reads the blocks in
 * (startOffset, endOffset]. It belongs to the world outside the query, so it survives a restart
 * and the restarted query reads on from its checkpointed offsets. `commit(offset)` is Source
 * .commit (R1.2 step 2d): called with the end of batch N-1 once offsets/N is written, so blocks
 * no batch can re-read are released (a long simulation does not keep its whole input).
 */
import type { Row } from './context';

interface Stream {
	/** Offset of blocks[0] minus one: blocks up to `base` were committed and dropped. */
	base: number;
	blocks: Row[][];
}

export class MemoryStreams {
	private readonly streams = new Map<string, Stream>();

	private get(name: string): Stream {
		let s = this.streams.get(name);
		if (s === undefined) this.streams.set(name, (s = { base: 0, blocks: [] }));
		return s;
	}

	addData(name: string, rows: readonly Row[]): void {
		this.get(name).blocks.push(rows.slice());
	}

	/** The latest offset of a source: the number of blocks added (0 = none yet). */
	latestOffset(name: string): number {
		const s = this.streams.get(name);
		return s === undefined ? 0 : s.base + s.blocks.length;
	}

	/** Rows of blocks start+1 .. end, in arrival order. */
	read(name: string, start: number, end: number): Row[] {
		const s = this.streams.get(name);
		if (s === undefined) return [];
		if (start < s.base)
			throw new Error(`MemoryStream ${name}: offset ${start} was already committed`);
		// One block: the block itself. Nothing downstream mutates a batch's input (the Source
		// node shares it too); the copy cost a pass over every row of every batch.
		if (end - start === 1) return s.blocks[start - s.base] ?? [];
		const out: Row[] = [];
		for (let i = start; i < end; i++) for (const r of s.blocks[i - s.base] ?? []) out.push(r);
		return out;
	}

	/** Source.commit(end): blocks up to `offset` will never be read again. */
	commit(name: string, offset: number): void {
		const s = this.streams.get(name);
		if (s === undefined || offset <= s.base) return;
		s.blocks.splice(0, offset - s.base);
		s.base = offset;
	}
}
