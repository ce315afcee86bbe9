/**
 * `DataFrame.write` on a batch DataFrame (the one a foreachBatch function receives):
 * `batch_df.write.mode(...).format(...).option(...).partitionBy(...).parquet(path)` / `.json` /
 * `.csv` / `.orc` / `.text` / `.save(path)`. The reader does not write files: the terminal call
 * hands the write (its plan, save mode, format and path) to the host that runs the function
 * (`BatchWriteTarget.onBatchWrite`), which keeps the target's contents and its delivery ledger.
 * Save modes are DataFrameWriter's (`append`, `overwrite`, `ignore`, `error`/`errorifexists`,
 * the default); an unknown one gets Spark's INVALID_SAVE_MODE.
 * `.format("kafka")...option("topic", t).save()` publishes the rows to topic t: the path is the
 * topic, and Kafka accepts append and errorifexists only (KafkaSourceProvider.createRelation;
 * both append, since a topic always "exists").
 */
import type { Pos } from '../expr/ast';
import type { Plan } from '../plan';
import { need, optionString, strOf, type Args } from './args';
import { fail } from './errors';
import { NONE, type PyValue } from './values';

export type SaveMode = 'append' | 'overwrite' | 'ignore' | 'errorifexists';

export interface BatchWrite {
	readonly plan: Plan;
	readonly mode: SaveMode;
	readonly format: string;
	/** The folder written, or for format kafka the topic. */
	readonly path: string;
	readonly at: Pos;
}

/** Where a program's batch writes go; set by the host before it calls the user's function. */
export interface BatchWriteTarget {
	onBatchWrite?: (w: BatchWrite) => void;
}

type BatchWriter = PyValue & { t: 'batchWriter' };

export const newBatchWriter = (plan: Plan, target: BatchWriteTarget | undefined): BatchWriter => ({
	t: 'batchWriter',
	plan,
	mode: 'errorifexists',
	format: 'parquet',
	target
});

const MODES: Readonly<Record<string, SaveMode>> = {
	append: 'append',
	overwrite: 'overwrite',
	ignore: 'ignore',
	error: 'errorifexists',
	errorifexists: 'errorifexists',
	default: 'errorifexists'
};

const TERMINAL = ['parquet', 'json', 'csv', 'orc', 'text', 'save'];

/** Spark's own words (checked on PySpark 4.1: an AnalysisException before any connection). */
const KAFKA_MODES: Readonly<Record<SaveMode, string | null>> = {
	append: null,
	errorifexists: null,
	overwrite: 'Overwrite',
	ignore: 'Ignore'
};

/** Where a write goes: its path, or for the Kafka writer its `topic` option. */
function whereOf(w: BatchWriter, format: string, name: string, a: Args): string {
	if (name !== 'save' || format.toLowerCase() !== 'kafka') return strOf(need(a, 0, 'path'), 'path');
	const refused = KAFKA_MODES[w.mode];
	if (refused !== null)
		return fail(
			a.at,
			`Save mode ${refused} not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).`
		);
	const topic = w.options?.['topic'];
	if (topic === undefined)
		return fail(
			a.at,
			'The playground’s Kafka writer needs `.option("topic", ...)`: it does not read a topic column.'
		);
	return topic;
}
export function batchWriterMethod(w: BatchWriter, name: string, a: Args): PyValue {
	switch (name) {
		case 'mode': {
			const x = need(a, 0, 'saveMode');
			const m = MODES[strOf(x, 'saveMode').toLowerCase()];
			if (!m)
				return fail(
					x.at,
					`[INVALID_SAVE_MODE] The specified save mode "${strOf(x, 'saveMode')}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default". SQLSTATE: 42000`
				);
			return { ...w, mode: m };
		}
		case 'format':
			return { ...w, format: strOf(need(a, 0, 'source'), 'format') };
		case 'option':
			return {
				...w,
				options: {
					...w.options,
					[strOf(need(a, 0, 'key'), 'key')]: optionString(need(a, 1, 'value'))
				}
			};
		case 'options':
			return {
				...w,
				options: {
					...w.options,
					...Object.fromEntries([...a.kw].map(([k, v]) => [k, optionString(v)]))
				}
			};
		case 'partitionBy':
		case 'bucketBy':
		case 'sortBy':
			// Options shape the files, not which rows land where: the ledger does not need them.
			for (const [, v] of a.kw) optionString(v);
			return w;
	}
	if (TERMINAL.includes(name)) {
		const format = name === 'save' ? w.format : name;
		const path = whereOf(w, format, name, a);
		if (!w.target?.onBatchWrite)
			return fail(
				a.at,
				'`DataFrame.write` runs only inside a foreachBatch function on this page: the playground records what it writes there.'
			);
		w.target.onBatchWrite({ plan: w.plan, mode: w.mode, format, path, at: a.at });
		return NONE;
	}
	return fail(
		a.at,
		`\`DataFrameWriter.${name}\` is not supported by the playground engine.`,
		'Supported: mode, format, option, options, partitionBy, parquet, json, csv, orc, text, save.'
	);
}
