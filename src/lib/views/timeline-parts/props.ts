/** What a timeline view is given: the engine's trace, the cursor, and the drawing width (the
 *  micro-batch and continuous timelines take the same three). */
export interface TimelineProps<T> {
	trace: T;
	now: number;
	width?: number;
}
