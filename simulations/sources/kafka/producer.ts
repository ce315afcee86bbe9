/**
 * Producers for the simulated topics: a record rate over time (steady, periodic bursts, one spike)
 * and a skew across partitions. The count per tick is exact (a running fractional total, so
 * 2.5 records/tick alternates 2 and 3), and only the partition of each record is drawn, from a
 * seeded Rng with the skew's weights: a seed and parameters give the same log, record for record.
 */
import type { Rng } from '../../core/rng';
import type { KafkaBroker } from './broker';

export type RateProfile =
	| { readonly kind: 'steady'; readonly recordsPerSecond: number }
	/** Every `everyMs`, for `durationMs`, the rate is multiplied by `factor`. */
	| {
			readonly kind: 'bursts';
			readonly recordsPerSecond: number;
			readonly everyMs: number;
			readonly durationMs: number;
			readonly factor: number;
	  }
	/** Once, from `atMs` for `durationMs`, the rate is multiplied by `factor`. */
	| {
			readonly kind: 'spike';
			readonly recordsPerSecond: number;
			readonly atMs: number;
			readonly durationMs: number;
			readonly factor: number;
	  };

/** Records per second at time t (ms since the producer started). */
export function rateAt(profile: RateProfile, tMs: number): number {
	switch (profile.kind) {
		case 'steady':
			return profile.recordsPerSecond;
		case 'bursts':
			return tMs % profile.everyMs < profile.durationMs
				? profile.recordsPerSecond * profile.factor
				: profile.recordsPerSecond;
		case 'spike':
			return tMs >= profile.atMs && tMs < profile.atMs + profile.durationMs
				? profile.recordsPerSecond * profile.factor
				: profile.recordsPerSecond;
	}
}

export interface ProducerSpec {
	readonly topic: string;
	readonly profile: RateProfile;
	/** A weight per partition (e.g. [6, 3, 1]); equal weights = no skew. */
	readonly skew: readonly number[];
	readonly fromMs: number;
	readonly untilMs: number;
	/** How often the producer sends what accumulated (default 100 ms). */
	readonly tickMs?: number;
}

export interface PlannedSend {
	readonly atMs: number;
	readonly partition: number;
	readonly value: string;
}

/** Every record the producer will send, in time order; values count from 0 as strings. */
export function producerSchedule(spec: ProducerSpec, rng: Rng): PlannedSend[] {
	const tick = spec.tickMs ?? 100;
	const totalWeight = spec.skew.reduce((s, w) => s + Math.max(0, w), 0);
	const pick = (): number => {
		if (totalWeight <= 0) return 0;
		let r = rng.next() * totalWeight;
		for (let p = 0; p < spec.skew.length; p++) {
			r -= Math.max(0, spec.skew[p] ?? 0);
			if (r < 0) return p;
		}
		return spec.skew.length - 1;
	};
	const out: PlannedSend[] = [];
	let due = 0;
	let sent = 0;
	for (let t = spec.fromMs + tick; t <= spec.untilMs; t += tick) {
		due += (rateAt(spec.profile, t - tick - spec.fromMs) * tick) / 1000;
		while (sent < Math.floor(due + 1e-9)) {
			out.push({ atMs: t, partition: pick(), value: String(sent) });
			sent++;
		}
	}
	return out;
}

/** Sends the scheduled records due by `nowMs` that are not sent yet; returns the new cursor. */
export function produceUntil(
	broker: KafkaBroker,
	topic: string,
	schedule: readonly PlannedSend[],
	cursor: number,
	nowMs: number
): number {
	let i = cursor;
	for (; i < schedule.length; i++) {
		const s = schedule[i];
		if (s === undefined || s.atMs > nowMs) break;
		broker.send({ topic, partition: s.partition, values: [s.value], timestampMs: s.atMs });
	}
	return i;
}
