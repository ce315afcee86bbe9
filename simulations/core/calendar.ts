/**
 * The proleptic Gregorian calendar in integer arithmetic, for instants JS's Date cannot hold.
 * Date covers ±8.64e15 ms (about ±275,760 years) and throws "Invalid time value" past it; a Spark
 * timestamp is any Long of microseconds, years -290307 to 294247 (Spark's own datetime tests
 * give that range). Days ↔ civil dates follow Howard Hinnant's days_from_civil/civil_from_days.
 */

const DAY_MS = 86_400_000;

export interface Civil {
	readonly year: number;
	/** 1..12 */
	readonly month: number;
	/** 1..31 */
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
	/** 0..999 */
	readonly ms: number;
}

/** Days since 1970-01-01 of a civil date (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

/** The civil date and time (UTC) of an instant in milliseconds since the epoch. */
export function civilFromMs(epochMs: number): Civil {
	const days = Math.floor(epochMs / DAY_MS);
	let rest = epochMs - days * DAY_MS;
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	const hour = Math.floor(rest / 3_600_000);
	rest -= hour * 3_600_000;
	const minute = Math.floor(rest / 60_000);
	rest -= minute * 60_000;
	const second = Math.floor(rest / 1000);
	return { year, month, day, hour, minute, second, ms: rest - second * 1000 };
}

/** Whether a day exists in its month (leap years included). */
export function isValidDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const len = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
	return day <= len;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A year as java.time prints a proleptic year with at least four digits: a '+' past 9999
 *  (SignStyle.EXCEEDS_PAD), a '-' before year 0. */
export function yearText(year: number): string {
	if (year > 9999) return `+${year}`;
	if (year < 0) return `-${pad(-year, 4)}`;
	return pad(year, 4);
}

/** `yyyy-MM-dd HH:mm:ss` in UTC, for any instant a Long of microseconds can hold. */
export function dateTimeText(epochMs: number, sep = ' '): string {
	const c = civilFromMs(epochMs);
	return `${yearText(c.year)}-${pad(c.month)}-${pad(c.day)}${sep}${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** `yyyy-MM-ddTHH:mm:ss.SSSZ`, Date#toISOString's form inside Date's range and Java's past it. */
export function isoText(epochMs: number): string {
	const ms = Math.floor(epochMs);
	const c = civilFromMs(ms);
	return `${dateTimeText(ms, 'T')}.${pad(c.ms, 3)}Z`;
}
