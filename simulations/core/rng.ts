/**
 * Seeded pseudo-random numbers (mulberry32). Every simulation draws from an Rng passed in
 * explicitly, so a seed and parameters give the same run, event for event. There is no
 * unseeded fallback on purpose.
 */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [lo, hi). */
	uniform(lo: number, hi: number): number;
	/** Uniform integer in [0, n). */
	int(n: number): number;
	/** An independent generator derived from this one (for a second stream). */
	fork(): Rng;
}

export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = (): number => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		uniform: (lo, hi) => lo + (hi - lo) * next(),
		int: (n) => Math.floor(next() * n),
		fork: () => createRng(Math.floor(next() * 4294967296))
	};
}

/** Seeds shown in URLs are small positive integers; anything else is folded into that range. */
export function normaliseSeed(seed: number): number {
	if (!Number.isFinite(seed)) return 1;
	return Math.abs(Math.trunc(seed)) % 2147483647 || 1;
}
