/**
 * What a custom-protocol page supplies (advanced-09): the program's parameters and presets
 * (SimQuestion), and the world around the query: where it crashes, how long it is down, how
 * long the run lasts. The source and sink are the program's own classes.
 */
import type { Params } from '../../core/params';
import type { ProtocolWorld } from '../../structured/datasource/protocol';
import type { SimQuestion } from '../kind';

export interface CustomProtocolQuestion extends SimQuestion {
	readonly kind: 'custom-protocol';
	world(params: Params): ProtocolWorld;
}
