/**
 * Reads CAS's own configuration (cas.properties or application.yml) so commands can take their defaults
 * from the very settings CAS uses. Names match as Spring Boot's relaxed binding matches them:
 * `cas.acme.server-url`, `cas.acme.serverUrl` and `cas.acme.server_url` are one setting.
 */
import { inputError } from '../errors.js';

export type ConfigFormat = 'properties' | 'yaml';

export class CasConfig {
  private readonly values = new Map<string, string>();

  constructor(
    entries: Iterable<[string, string]>,
    /** where it came from, for messages */
    readonly source: string,
    private readonly env: Record<string, string | undefined> = {},
  ) {
    for (const [key, value] of entries) this.values.set(canonicalName(key), value);
  }

  /** The first of `names` (newest spelling first) that is set, with `${…}` placeholders resolved. */
  get(...names: string[]): string | undefined {
    for (const name of names) {
      const raw = this.values.get(canonicalName(name));
      if (raw !== undefined) return this.resolve(raw, 0);
    }
    return undefined;
  }

  /** The setting name (as asked) that supplied `get(...names)`, for messages. */
  which(...names: string[]): string | undefined {
    return names.find((name) => this.values.has(canonicalName(name)) || this.values.has(`${canonicalName(name)}[0]`));
  }

  /** A list setting: `name[0]`, `name[1]`… (YAML lists, indexed properties) or one comma-separated value. */
  getList(...names: string[]): string[] | undefined {
    for (const name of names) {
      const base = canonicalName(name);
      const indexed: string[] = [];
      for (let i = 0; this.values.has(`${base}[${i}]`); i++) indexed.push(this.resolve(this.values.get(`${base}[${i}]`)!, 0));
      if (indexed.length > 0) return indexed;
      const single = this.get(name);
      if (single !== undefined) {
        return single
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0);
      }
    }
    return undefined;
  }

  getBoolean(...names: string[]): boolean | undefined {
    const value = this.get(...names);
    if (value === undefined) return undefined;
    return value.trim().toLowerCase() === 'true';
  }

  getNumber(...names: string[]): number | undefined {
    const value = this.get(...names);
    if (value === undefined || value.trim() === '') return undefined;
    const number = Number(value.trim());
    if (!Number.isFinite(number)) {
      throw inputError('E_CONFIG_INVALID', `${this.which(...names)} in ${this.source} is not a number: ${value}`);
    }
    return number;
  }

  /** Spring's `${name}` / `${name:default}` placeholders, from this file, then the environment. */
  private resolve(value: string, depth: number): string {
    if (depth > 10 || !value.includes('${')) return value;
    return value.replace(/\$\{([^}:]+)(?::([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
      const own = this.values.get(canonicalName(name));
      if (own !== undefined) return this.resolve(own, depth + 1);
      const fromEnv = this.env[name] ?? this.env[envName(name)];
      if (fromEnv !== undefined) return fromEnv;
      return fallback ?? whole;
    });
  }
}

/** Lower case, separators `-` and `_` dropped per segment, list indexes kept: Spring's canonical form. */
export function canonicalName(name: string): string {
  return name
    .trim()
    .split('.')
    .map((segment) => segment.replace(/[-_]/g, '').toLowerCase())
    .join('.');
}

/** `cas.authn.token.crypto.signing.key` → `CAS_AUTHN_TOKEN_CRYPTO_SIGNING_KEY` (Spring Boot's env form). */
export function envName(name: string): string {
  return name.replace(/-/g, '').replace(/\./g, '_').replace(/\[(\d+)\]/g, '_$1_').replace(/_$/, '').toUpperCase();
}

/** java.util.Properties syntax: `=`, `:` or white space separate; `\` continues; `#`/`!` comment. */
export function parseProperties(text: string): [string, string][] {
  const entries: [string, string][] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithContinuation(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    let keyEnd = 0;
    let escaped = false;
    for (; keyEnd < line.length; keyEnd++) {
      const ch = line[keyEnd]!;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '=' || ch === ':' || ch === ' ' || ch === '\t' || ch === '\f') break;
    }
    const key = unescapeProperty(line.slice(0, keyEnd));
    let rest = line.slice(keyEnd).replace(/^[ \t\f]*/, '');
    if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '');
    entries.push([key, unescapeProperty(rest)]);
  }
  return entries;
}

function endsWithContinuation(line: string): boolean {
  const match = /\\+$/.exec(line);
  return match !== null && match[0].length % 2 === 1;
}

function unescapeProperty(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, esc: string) => {
    if (esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[esc] ?? esc;
  });
}

/** Flattens YAML documents into dotted names; lists become `name[i]`. Later documents win. */
export async function parseYaml(text: string, source: string): Promise<[string, string][]> {
  const { parseAllDocuments } = await import('yaml');
  const entries: [string, string][] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) {
      const first = doc.errors[0]!;
      throw inputError('E_CONFIG_INVALID', `${source} is not valid YAML: ${first.message.split('\n')[0]}`);
    }
    flatten(doc.toJS(), '', entries);
  }
  return entries;
}

function flatten(value: unknown, prefix: string, out: [string, string][]): void {
  if (value === null || value === undefined) {
    if (prefix) out.push([prefix, '']);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${prefix}[${index}]`, out));
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      // Spring lets YAML keys carry dots (`cas.authn: …` or `"[weird.key]"`).
      const name = key.startsWith('[') && key.endsWith(']') ? key.slice(1, -1) : key;
      flatten(child, prefix ? `${prefix}.${name}` : name, out);
    }
  } else {
    out.push([prefix, value instanceof Date ? value.toISOString() : String(value)]);
  }
}

export function detectFormat(path: string, text: string): ConfigFormat {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.properties$/i.test(path)) return 'properties';
  // No telling extension: YAML nests with "key:" lines and indentation; properties do not.
  return /^[ \t]+\S+\s*:/m.test(text) ? 'yaml' : 'properties';
}

export async function parseCasConfig(text: string, source: string, env: Record<string, string | undefined> = {}) {
  const entries = detectFormat(source, text) === 'yaml' ? await parseYaml(text, source) : parseProperties(text);
  return new CasConfig(entries, source, env);
}

/**
 * A CAS resource setting as a local path: `file:` prefix stripped; `classpath:` and URLs cannot be
 * read or written from outside the CAS web application, which is an input error (exit 3).
 */
export function resourceToPath(value: string, setting: string, explicitly = 'with --file'): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('classpath:')) {
    throw inputError('E_CONFIG_CLASSPATH', `${setting} is ${trimmed}: a classpath resource lives inside the CAS web application`, {
      hint: `point the setting at a file (file:/etc/cas/…), or pass the path explicitly ${explicitly}`,
    });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !trimmed.startsWith('file:')) {
    throw inputError('E_CONFIG_NOT_A_FILE', `${setting} is ${trimmed}, not a local file`, {
      hint: `pass the path explicitly ${explicitly}`,
    });
  }
  if (trimmed.startsWith('file://')) return decodeURIComponent(new URL(trimmed).pathname);
  if (trimmed.startsWith('file:')) return trimmed.slice('file:'.length);
  return trimmed;
}
