/**
 * `DataFrame.write` on a batch DataFrame (the one a foreachBatch function receives):
 * `batch_df.write.mode(...).format(...).option(...).partitionBy(...).parquet(path)` / `.json` /
 * `.csv` / `.orc` / `.text` / `.save(path)`. The reader does not write files: the terminal call
 * hands the write (its plan, save mode, format and path) to the host that runs the function
 * (`BatchWriteTarget.onBatchWrite`), which keeps the target's contents and its delivery ledger.
 * Save modes are DataFrameWriter's (`append`, `overwrite`, `ignore`, `error`/`errorifexists`,
 * the default); an unknown one gets Spark's INVALID_SAVE_MODE.
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
		case 'options':
		case 'partitionBy':
		case 'bucketBy':
		case 'sortBy':
			// Options shape the files, not which rows land where: the ledger does not need them.
			for (const [, v] of a.kw) optionString(v);
			return w;
	}
	if (TERMINAL.includes(name)) {
		const path = strOf(need(a, 0, 'path'), 'path');
		const format = name === 'save' ? w.format : name;
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
