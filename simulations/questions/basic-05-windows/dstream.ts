/**
 * basic-05's legacy DStream tab (SIM-2 behind the page's API switch): the same sensor readings as
 * the Structured Streaming side, each a socket line "device,reading" at its arrival, windowed with
 * `reduceByKeyAndWindow` over arrival batches. DStream windows cover batches, not event time:
 * a late reading counts in whatever window its arrival falls in, and window and slide must be
 * multiples of the batch interval, or PySpark refuses at the call (R8.3, QUESTIONS.md
 * basic-05-windows "SIM-2 tab").
 */
import type { SpanRewrite } from '../../core/template';
import { numberParam } from '../../core/params';
import type { ParamSchema, Params, Preset } from '../../core/params';
import { dstreamTab } from '../../kinds/dstream/tab';
import { duration } from '../../kinds/event-time/spans';
import { programs } from './program';
import { basic05Windows } from './question';

const SLUG = 'basic-05-windows';
/** The page's event-time run: 90 s of readings, batches of 5 s (the program's batch interval). */
const RUN_MS = 90_000;

const schema: ParamSchema = [
	{
		id: 'windowLength',
		label: 'window length',
		kind: 'number',
		unit: 's',
		min: 5,
		max: 60,
		step: 1,
		default: 10,
		help: 'How many seconds of arrival batches one window covers. It must be a multiple of the 5 s batch interval, or PySpark refuses at the call.'
	},
	{
		id: 'slide',
		label: 'slide',
		kind: 'number',
		unit: 's',
		min: 5,
		max: 60,
		step: 1,
		default: 5,
		help: 'How often the window is recomputed; a multiple of the batch interval too. Equal to the window length, the windows tumble.'
	}
];

const presets: readonly Preset[] = [
	{
		id: 'dstream-sliding',
		label: 'Sliding over batches',
		description:
			'A 10 s window every 5 s: each window is the last two arrival batches, whatever the readings’ own event times. A late reading counts where it arrived.',
		params: {}
	},
	{
		id: 'dstream-tumbling',
		label: 'Tumbling over batches',
		description: 'Slide = window length: each batch lands in exactly one window.',
		params: { windowLength: 10, slide: 10 }
	},
	{
		id: 'dstream-not-a-multiple',
		label: 'Window not a multiple',
		description:
			'A 12 s window over 5 s batches: PySpark refuses at reduceByKeyAndWindow, before any batch runs.',
		params: { windowLength: 12 }
	}
];

const pageProgram = programs.find((p) => p.id === 'dstream')?.template ?? '';

export const basic05DStreams = dstreamTab({
	slug: SLUG,
	template: pageProgram,
	schema,
	presets,
	rewrites: (params: Params): Readonly<Record<string, SpanRewrite>> => ({
		windowLength: duration(numberParam(params, 'windowLength')),
		slide: duration(numberParam(params, 'slide'))
	}),
	// The very readings the Structured Streaming side receives for this seed, as socket lines at
	// their arrival (its generator does not depend on the window parameters).
	lines: (_params, seed) =>
		basic05Windows
			.input(basic05Windows.constrain({}).params, seed)
			.streams.flatMap((s) => s.events)
			.map((e) => ({ atMs: e.arrivalMs, line: `${e.key},${e.reading}` }))
			.sort((a, b) => a.atMs - b.atMs),
	runMs: RUN_MS,
	// The switch between the two APIs and the Structured side's own parameters.
	otherUrlKeys: ['api', 'windowType', 'sessionGap', 'watermarkDelay', 'outputMode'],
	apiNote:
		'The legacy DStream program (the “DStreams” tab): windows over arrival batches, no event time and no watermark; a late reading counts where it arrived.'
});
