/**
 * X-CAS-PasswordExpirationDate as CAS reads it: DateTimeUtils#convertToZonedDateTime tries
 * ISO_ZONED_DATE_TIME, then RFC_1123_DATE_TIME, then local date-time formats taken as UTC
 * (ISO_LOCAL_DATE_TIME, "MM/dd/yyyy hh:mm a", "MM/dd/yyyy h:mm a", "MM/dd/yyyy HH:mm", and the dates
 * "MM/dd/yyyy" and ISO_LOCAL_DATE completed with the current local time). When all fail, CAS dereferences
 * null inside buildPrincipalFromResponse and the login fails with FailedLoginException.
 * Days left = Duration.between(now, date).toDays(): whole days, truncated toward zero.
 */

export type ExpirationFormat = 'ISO zoned' | 'RFC 1123' | 'ISO local (as UTC)' | 'US local (as UTC)' | 'date only (as UTC)';

export interface ParsedExpiration {
  date: Date;
  format: ExpirationFormat;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function validDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  return date;
}

/** ISO-8601 offset (Z, +HH, +HH:MM, +HH:MM:SS) in seconds, as Java's ISO_OFFSET_ID accepts it. */
function offsetSeconds(text: string): number | undefined {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2})(?::(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 18 || mi > 59 || s > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s);
}

function isoZoned(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::\d{2}(?::\d{2})?)?)(?:\[[^\]]+\])?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (!validDate(y, mo, d, h, mi, s)) return undefined;
  const offset = offsetSeconds(m[8]!);
  if (offset === undefined) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(utc(y, mo, d, h, mi, s, ms).getTime() - offset * 1000);
}

/** RFC_1123_DATE_TIME: `[EEE, ]d MMM yyyy HH:mm[:ss] GMT|+HHMM`; a wrong weekday is rejected, as Java does. */
function rfc1123(value: string): Date | undefined {
  const m = /^(?:([A-Z][a-z]{2}), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|[+-]\d{4})$/.exec(value);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[3]!) + 1;
  if (month === 0) return undefined;
  const [d, y, h, mi, s] = [Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
  if (!validDate(y, month, d, h, mi, s)) return undefined;
  let offset = 0;
  if (m[8] !== 'GMT') {
    const sign = m[8]!.startsWith('-') ? -1 : 1;
    const oh = Number(m[8]!.slice(1, 3));
    const om = Number(m[8]!.slice(3, 5));
    if (oh > 18 || om > 59) return undefined;
    offset = sign * (oh * 3600 + om * 60);
  }
  const date = new Date(utc(y, month, d, h, mi, s, 0).getTime() - offset * 1000);
  if (m[1] !== undefined) {
    if (!DAYS.includes(m[1])) return undefined;
    // Java checks the day-of-week against the local date written, not the UTC instant.
    if (DAYS[utc(y, month, d, 0, 0, 0, 0).getUTCDay()] !== m[1]) return undefined;
  }
  return date;
}

function localFormats(value: string, now: Date): ParsedExpiration | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(value);
  if (m) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m![i] ?? 0)) as [number, number, number, number, number, number];
    if (validDate(y, mo, d, h, mi, s)) {
      const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
      return { date: utc(y, mo, d, h, mi, s, ms), format: 'ISO local (as UTC)' };
    }
    return undefined;
  }
  const upper = value.toUpperCase();
  // "MM/dd/yyyy hh:mm a" and "MM/dd/yyyy h:mm a" (12-hour clock)
  m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}) (AM|PM)$/.exec(upper);
  if (m) {
    const [mo, d, y, h12, mi] = [1, 2, 3, 4, 5].map((i) => Number(m![i])) as [number, number, number, number, number];
    if (h12 < 1 || h12 > 12) return undefined;
    const h = (h12 % 12) + (m[6] === 'PM' ? 12 : 0);
    return validDate(y, mo, d, h, mi) ? { date: utc(y, mo, d, h, mi, 0, 0), format: 'US local (as UTC)' } : undefined;
  }
  m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(value);
  if (m) {
    const [mo, d, y, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m![i])) as [number, number, number, number, number];
    return validDate(y, mo, d, h, mi) ? { date: utc(y, mo, d, h, mi, 0, 0), format: 'US local (as UTC)' } : undefined;
  }
  // Dates alone get the current wall-clock time of the CAS host; casctl uses its own local time.
  const timeOfDay = (now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds()) * 1000 + now.getMilliseconds();
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) ?? null;
  if (m) {
    const [mo, d, y] = [1, 2, 3].map((i) => Number(m![i])) as [number, number, number];
    if (!validDate(y, mo, d)) return undefined;
    return { date: new Date(utc(y, mo, d, 0, 0, 0, 0).getTime() + timeOfDay), format: 'date only (as UTC)' };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [1, 2, 3].map((i) => Number(m![i])) as [number, number, number];
    if (!validDate(y, mo, d)) return undefined;
    return { date: new Date(utc(y, mo, d, 0, 0, 0, 0).getTime() + timeOfDay), format: 'date only (as UTC)' };
  }
  return undefined;
}

export function parseExpirationDate(value: string, now = new Date()): ParsedExpiration | undefined {
  const zoned = isoZoned(value);
  if (zoned) return { date: zoned, format: 'ISO zoned' };
  const rfc = rfc1123(value);
  if (rfc) return { date: rfc, format: 'RFC 1123' };
  return localFormats(value, now);
}

/** Duration.between(now, date).toDays(): truncation toward zero. */
export function daysLeft(date: Date, now = new Date()): number {
  const days = Math.trunc((date.getTime() - now.getTime()) / 86_400_000);
  return days === 0 ? 0 : days;
}

/** RFC 1123 in GMT, the form CAS's documentation and tests use (`Tue, 3 Jun 2008 11:05:30 GMT`). */
export function formatRfc1123(date: Date): string {
  return date.toUTCString();
}
