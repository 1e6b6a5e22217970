/**
 * The few pieces of Java behaviour jwk-gen.jar's output and messages depend on, reproduced exactly:
 * `Integer.decode` (sizes), `java.util.HashMap` iteration order (JWK member order, because Nimbus
 * builds each JWK as a HashMap before Gson prints it) and `URLEncoder.encode` (certificate CN).
 */

/** Java's NumberFormatException: `message` is what the jar prints after "Invalid key size: ". */
export class JavaNumberFormatError extends Error {
  override readonly name = 'JavaNumberFormatError';
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** `NumberFormatException.forInputString(s, radix)` as in JDK 12+ (the JDKs CAS runs on). */
const forInputString = (s: string, radix: number) =>
  new JavaNumberFormatError(`For input string: "${s}"${radix === 10 ? '' : ` under radix ${radix}`}`);

/** `Character.digit(c, radix)` for ASCII; other Unicode digits are refused (see docs/readme/jwk-gen.md). */
function digit(c: string, radix: number): number {
  const code = c.charCodeAt(0);
  let value = -1;
  if (code >= 0x30 && code <= 0x39) value = code - 0x30;
  else if (code >= 0x61 && code <= 0x7a) value = code - 0x61 + 10;
  else if (code >= 0x41 && code <= 0x5a) value = code - 0x41 + 10;
  return value < radix ? value : -1;
}

/** `Integer.parseInt(s, radix)`: same accepted forms, same overflow rules, same messages. */
export function javaParseInt(s: string, radix: number): number {
  if (s.length === 0) throw forInputString('', radix);
  let i = 0;
  let negative = false;
  let limit = -INT_MAX;
  const first = s[0]!;
  if (first < '0') {
    if (first === '-') {
      negative = true;
      limit = INT_MIN;
    } else if (first !== '+') {
      throw forInputString(s, radix);
    }
    if (s.length === 1) throw forInputString(s, radix);
    i++;
  }
  const multmin = Math.trunc(limit / radix);
  let result = 0;
  while (i < s.length) {
    const d = digit(s[i++]!, radix);
    if (d < 0 || result < multmin) throw forInputString(s, radix);
    result *= radix;
    if (result < limit + d) throw forInputString(s, radix);
    result -= d;
  }
  return negative ? result : 0 - result;
}

/**
 * `Integer.decode(nm)`: optional sign, then `0x`/`0X`/`#` for hex, a leading `0` for octal, else decimal;
 * the result must fit a Java int. Throws JavaNumberFormatError with Java's own message.
 */
export function javaIntegerDecode(nm: string): number {
  let radix = 10;
  let index = 0;
  let negative = false;
  if (nm.length === 0) throw new JavaNumberFormatError('Zero length string');
  const first = nm[0];
  if (first === '-') {
    negative = true;
    index++;
  } else if (first === '+') {
    index++;
  }
  if (nm.startsWith('0x', index) || nm.startsWith('0X', index)) {
    index += 2;
    radix = 16;
  } else if (nm.startsWith('#', index)) {
    index++;
    radix = 16;
  } else if (nm.startsWith('0', index) && nm.length > 1 + index) {
    index++;
    radix = 8;
  }
  if (nm.startsWith('-', index) || nm.startsWith('+', index)) {
    throw new JavaNumberFormatError('Sign character in wrong position');
  }
  const rest = nm.slice(index);
  try {
    const value = javaParseInt(rest, radix);
    // -(Integer.MIN_VALUE) wraps around in Java; only reachable through the fallback below.
    return negative ? 0 - value : value;
  } catch (error) {
    if (!(error instanceof JavaNumberFormatError)) throw error;
    // Java retries with the sign attached so that "-0x80000000" (Integer.MIN_VALUE) decodes.
    return javaParseInt(negative ? `-${rest}` : rest, radix);
  }
}

/** Java's `String.hashCode()` (UTF-16 code units, 32-bit wrap-around). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The order in which a `java.util.HashMap` (default capacity 16, load factor 0.75) iterates keys put in
 * `insertionOrder`: by bucket (`(h ^ h >>> 16) & (n - 1)`), then by insertion within a bucket (resizing
 * splits buckets without reordering). Nimbus builds JWKs as HashMaps, so this is the jar's member order.
 */
export function javaHashMapOrder(insertionOrder: readonly string[]): string[] {
  let capacity = 16;
  while (insertionOrder.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return insertionOrder
    .map((key, position) => ({ key, position, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.position - b.position)
    .map((entry) => entry.key);
}

/** Rebuilds `members` (given in Nimbus's insertion order) in the order Java's HashMap iterates them. */
export function inJavaHashMapOrder<T>(members: [string, T][]): Record<string, T> {
  const values = new Map(members);
  const out: Record<string, T> = {};
  for (const key of javaHashMapOrder(members.map(([key]) => key))) out[key] = values.get(key)!;
  return out;
}

/** `URLEncoder.encode(s, UTF-8)`: keeps `A-Za-z0-9.-*_`, space becomes `+`, the rest `%XX` (upper case). */
export function javaUrlEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
