/**
 * printf-style `str % args` (still common in PySpark code: `"%s,%d" % (k, v)`): %s %r %d %i
 * %f %e %g %x %% with optional width and precision. Other conversions are reported, not guessed.
 */
import { repr, str, toFixedPy } from './format';
import { PyDict, PyFloat, PyTuple, numeric, typeName } from './values';
import type { PyValue, Raise } from './values';

export function formatPercent(fmt: string, args: PyValue, raise: Raise): string {
	if (args instanceof PyDict) throw raise('NotSupported', 'dict arguments to % formatting');
	const items = args instanceof PyTuple ? args.items : [args];
	let i = 0;
	const out = fmt.replace(
		/%([-+ 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
		(_m, flags: string, w?: string, p?: string, conv?: string) => {
			if (conv === '%') return '%';
			if (i >= items.length) throw raise('TypeError', 'not enough arguments for format string');
			const v = items[i++] ?? null;
			let body: string;
			const n = numeric(v);
			switch (conv) {
				case 's':
					body = str(v);
					break;
				case 'r':
					body = repr(v);
					break;
				case 'd':
				case 'i':
					if (n === undefined)
						throw raise(
							'TypeError',
							`%${conv} format: a real number is required, not ${typeName(v)}`
						);
					body = String(Math.trunc(n));
					break;
				case 'f':
				case 'e':
				case 'g':
					if (n === undefined) throw raise('TypeError', `must be real number, not ${typeName(v)}`);
					body =
						conv === 'f'
							? toFixedPy(n, Number(p ?? 6))
							: conv === 'e'
								? n.toExponential(Number(p ?? 6)).replace(/e([+-])(\d)$/, 'e$10$2')
								: String(Number(n.toPrecision(Number(p ?? 6))));
					break;
				case 'x':
					if (n === undefined || v instanceof PyFloat)
						throw raise('TypeError', `%x format: an integer is required, not ${typeName(v)}`);
					body = n.toString(16);
					break;
				default:
					throw raise('NotSupported', `the %${conv ?? ''} conversion`);
			}
			if (flags.includes('+') && n !== undefined && n >= 0 && conv !== 's' && conv !== 'r')
				body = `+${body}`;
			const width = Number(w ?? 0);
			if (body.length < width) {
				body = flags.includes('-')
					? body.padEnd(width)
					: body.padStart(width, flags.includes('0') ? '0' : ' ');
			}
			return body;
		}
	);
	if (i < items.length)
		throw raise('TypeError', 'not all arguments converted during string formatting');
	return out;
}
