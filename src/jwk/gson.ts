/**
 * JSON printed the way jwk-gen.jar prints it: `new GsonBuilder().setPrettyPrinting().create()`.
 * Two-space indent, `"name": value`, `{}`/`[]` when empty, HTML-safe escaping (`<`, `>`, `&`, `=`, `'`
 * become `\u003c`…; so a padded Base64 kid shows `\u003d`), control characters as `\u00xx` (lower case),
 * and, as Gson's default `serializeNulls=false`, object members whose value is null are left out.
 */

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\t': '\\t',
  '\b': '\\b',
  '\n': '\\n',
  '\r': '\\r',
  '\f': '\\f',
};

const HTML_SAFE = new Set(['<', '>', '&', '=', "'"]);

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function gsonString(value: string): string {
  let out = '"';
  for (const c of value) {
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    else if (c < ' ' || c === '\u2028' || c === '\u2029' || HTML_SAFE.has(c)) out += unicodeEscape(c);
    else out += c;
  }
  return `${out}"`;
}

function print(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return gsonString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`JSON forbids ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${print(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    if (members.length === 0) return '{}';
    return `{\n${members.map(([k, v]) => `${inner}${gsonString(k)}: ${print(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  throw new Error(`cannot print a ${typeof value} as JSON`);
}

/** `gson.toJson(element)`: no trailing newline (the jar adds one with println). */
export function gsonPretty(value: unknown): string {
  return print(value, '');
}
