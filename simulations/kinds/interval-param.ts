import type { NumberParam } from '../core/params';

/** The `triggerInterval` control basic-06's trigger and basic-06's and basic-07's DStream batch
 *  interval share: 1 to 10 s in whole seconds, 2 s at first; the label and help are the page's. */
export const intervalParam = (label: string, help: string): NumberParam => ({
	id: 'triggerInterval',
	label,
	kind: 'number',
	unit: 's',
	min: 1,
	max: 10,
	step: 1,
	default: 2,
	help
});
