/**
 * Read limits: how much a source may admit into one micro-batch (Spark's
 * `org.apache.spark.sql.connector.read.streaming.ReadLimit` and its kinds, SupportsAdmissionControl).
 * The loop asks each source for its default limit (`getDefaultReadLimit`) and passes it to
 * `latestOffset(start, limit)`; Trigger.Once replaces it by ReadAllAvailable (see trigger-plan.ts).
 */

export type ReadLimit =
	| { readonly kind: 'allAvailable' }
	| { readonly kind: 'maxRows'; readonly maxRows: number }
	| { readonly kind: 'maxFiles'; readonly maxFiles: number }
	| { readonly kind: 'maxBytes'; readonly maxBytes: number }
	/** ReadMinRows: skip the trigger until `rows` new rows, or `maxTriggerDelayMs` since the last batch. */
	| { readonly kind: 'minRows'; readonly rows: number; readonly maxTriggerDelayMs: number }
	| { readonly kind: 'composite'; readonly limits: readonly ReadLimit[] };

export const readAllAvailable: ReadLimit = { kind: 'allAvailable' };
export const readMaxRows = (maxRows: number): ReadLimit => ({ kind: 'maxRows', maxRows });
export const readMaxFiles = (maxFiles: number): ReadLimit => ({ kind: 'maxFiles', maxFiles });
export const readMaxBytes = (maxBytes: number): ReadLimit => ({ kind: 'maxBytes', maxBytes });
export const readMinRows = (rows: number, maxTriggerDelayMs: number): ReadLimit => ({
	kind: 'minRows',
	rows,
	maxTriggerDelayMs
});
export const compositeReadLimit = (limits: readonly ReadLimit[]): ReadLimit => ({
	kind: 'composite',
	limits
});

/** A composite limit stands for its parts (KafkaMicroBatchStream.latestOffset unwraps it the same way). */
export const limitsOf = (limit: ReadLimit): readonly ReadLimit[] =>
	limit.kind === 'composite' ? limit.limits : [limit];

export function findLimit<K extends ReadLimit['kind']>(
	limit: ReadLimit,
	kind: K
): Extract<ReadLimit, { kind: K }> | undefined {
	return limitsOf(limit).find((l): l is Extract<ReadLimit, { kind: K }> => l.kind === kind);
}

/** As ReadLimit.toString prints it in Spark's "read limit … is ignored when Trigger.Once" warning. */
export function describeReadLimit(limit: ReadLimit): string {
	switch (limit.kind) {
		case 'allAvailable':
			return 'All Available';
		case 'maxRows':
			return `MaxRows: ${limit.maxRows}`;
		case 'maxFiles':
			return `MaxFiles: ${limit.maxFiles}`;
		case 'maxBytes':
			return `MaxBytes: ${limit.maxBytes}`;
		case 'minRows':
			return `MinRows: ${limit.rows}`;
		case 'composite':
			return limit.limits.map(describeReadLimit).join(', ');
	}
}
