/**
 * Conformance scenarios (tests/conformance/spark/FORMAT.md): a PySpark program, its input batch by
 * batch, and what Apache Spark emitted. Runners for both APIs return a ScenarioResult; the CLI
 * (`npm run conformance -- DIR`) and the Vitest suite print and assert on it. A runner never
 * branches on a scenario's id.
 */

import type { InputSpec } from './scenario-inputs';

export type Row = readonly unknown[];

export type StructuredStep =
	| { readonly addData: Readonly<Record<string, readonly Row[]>> }
	| { readonly checkNewAnswer: readonly Row[]; readonly ordered?: boolean }
	| { readonly checkLastBatch: readonly Row[]; readonly ordered?: boolean }
	| { readonly checkAnswer: readonly Row[]; readonly ordered?: boolean }
	| { readonly assertNumStateRows: number | readonly number[] }
	| { readonly assertNumRowsDroppedByWatermark: number | readonly number[] }
	| { readonly assertWatermark: number }
	| { readonly processAllAvailable: true }
	| { readonly restart: true }
	| { readonly expectError: string }
	| { readonly startStream: { readonly trigger?: Readonly<Record<string, unknown>> } }
	| { readonly stopStream: true }
	| { readonly advanceClock: number }
	| { readonly assertBatchIds: readonly number[] }
	| {
			readonly addPartitions: Readonly<
				Record<string, { readonly topic: string; readonly partitions: number }>
			>;
	  };

export interface StructuredScenario {
	readonly id: string;
	readonly api: 'structured';
	readonly title: string;
	readonly origin: string;
	readonly topics?: readonly string[];
	readonly inputs: Readonly<Record<string, InputSpec>>;
	readonly code: string;
	readonly steps: readonly StructuredStep[];
	readonly conf?: Readonly<Record<string, string>>;
	/** FORMAT-ADDITIONS: a StreamManualClock at 0 ms that moves only on advanceClock. */
	readonly clock?: 'manual';
}

export interface DStreamScenario {
	readonly id: string;
	readonly api: 'dstream';
	readonly title: string;
	readonly origin: string;
	readonly topics?: readonly string[];
	readonly batchDuration: number;
	readonly code: string;
	readonly input: readonly (readonly unknown[])[];
	readonly input2?: readonly (readonly unknown[])[];
	readonly expected: readonly (readonly unknown[])[];
	readonly ordered?: boolean;
	readonly checkpoint?: number;
}

export type Scenario = StructuredScenario | DStreamScenario;

export interface ScenarioResult {
	readonly id: string;
	readonly passed: boolean;
	/** One line: the first differing step, expected vs actual (or the error that stopped the run). */
	readonly summary?: string;
	/** A StreamTest-style report: every step, `=>` on the failing one, expected and actual rows,
	 *  state rows per operator, watermark and batch id. */
	readonly report?: string;
}
