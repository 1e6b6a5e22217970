/**
 * A reference REST authentication endpoint that answers exactly as CAS's RestAuthenticationHandler
 * expects: 200 + Jackson-typed SimplePrincipal JSON for good credentials, 401 for a wrong password,
 * 404 for an unknown user, and 403/412/423/428 for the account states; X-CAS-Warning and
 * X-CAS-PasswordExpirationDate (RFC 1123, as the CAS documentation asks) on success.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inputError } from '../errors.js';
import { formatRfc1123, parseExpirationDate } from './dates.js';
import { SIMPLE_PRINCIPAL } from './judge.js';

export const USER_STATES = ['active', 'locked', 'disabled', 'expired', 'must-change'] as const;
export type UserState = (typeof USER_STATES)[number];

export interface ServeUser {
  username: string;
  password?: string;
  passwordHash?: string;
  attributes: Record<string, unknown[]>;
  state: UserState;
  passwordExpires?: Date;
  warnings: string[];
}

const STATE_STATUS: Record<Exclude<UserState, 'active'>, number> = {
  disabled: 403,
  expired: 412,
  locked: 423,
  'must-change': 428,
};

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** Validates users.json; every problem names the entry and the member (exit 3). */
export function parseUsers(text: string, source: string): ServeUser[] {
  const bad = (message: string) =>
    inputError('E_USERS_FILE_INVALID', `${source}: ${message}`, {
      hint: 'expected {"users":[{"username":"casuser","password":"…" or "passwordHash":"$2b$…","attributes":{"mail":["…"]},"state":"active"}]}',
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`);
  }
  const list = (json as { users?: unknown } | null)?.users;
  if (!Array.isArray(list)) throw bad('no "users" array at the top level');
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const where = `users[${index}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw bad(`${where} is not an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.username !== 'string' || e.username === '') throw bad(`${where}.username must be a non-empty string`);
    if (e.username.includes(':')) throw bad(`${where}.username contains ':', which Basic authentication cannot carry`);
    if (seen.has(e.username)) throw bad(`${where}: username ${JSON.stringify(e.username)} appears twice`);
    seen.add(e.username);
    const hasPassword = e.password !== undefined;
    const hasHash = e.passwordHash !== undefined;
    if (hasPassword === hasHash) throw bad(`${where} needs exactly one of "password" and "passwordHash"`);
    if (hasPassword && (typeof e.password !== 'string' || e.password === '')) throw bad(`${where}.password must be a non-empty string`);
    if (hasHash && (typeof e.passwordHash !== 'string' || !BCRYPT.test(e.passwordHash))) {
      throw bad(`${where}.passwordHash must be a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)`);
    }
    const attributes: Record<string, unknown[]> = {};
    if (e.attributes !== undefined) {
      if (!e.attributes || typeof e.attributes !== 'object' || Array.isArray(e.attributes)) throw bad(`${where}.attributes must be an object`);
      for (const [name, value] of Object.entries(e.attributes as Record<string, unknown>)) {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) {
          if (!['string', 'number', 'boolean'].includes(typeof v)) throw bad(`${where}.attributes.${name} may hold strings, numbers and booleans only`);
        }
        attributes[name] = values;
      }
    }
    const state = (e.state ?? 'active') as UserState;
    if (!USER_STATES.includes(state)) throw bad(`${where}.state must be one of ${USER_STATES.join(', ')}`);
    let passwordExpires: Date | undefined;
    if (e.passwordExpires !== undefined) {
      const parsed = typeof e.passwordExpires === 'string' ? parseExpirationDate(e.passwordExpires) : undefined;
      if (!parsed) throw bad(`${where}.passwordExpires must be an ISO date ("2027-01-31" or "2027-01-31T12:00:00Z")`);
      // A bare date means midnight UTC of that day: stable whatever the local clock says.
      passwordExpires = /^\d{4}-\d{2}-\d{2}$/.test(e.passwordExpires as string) ? new Date(`${e.passwordExpires as string}T00:00:00Z`) : parsed.date;
    }
    const warnings = e.warnings ?? [];
    if (!Array.isArray(warnings) || warnings.some((w) => typeof w !== 'string' || /[\r\n]/.test(w))) {
      throw bad(`${where}.warnings must be an array of one-line strings`);
    }
    return {
      username: e.username,
      password: e.password as string | undefined,
      passwordHash: e.passwordHash as string | undefined,
      attributes,
      state,
      passwordExpires,
      warnings: warnings as string[],
    };
  });
}

/** The JSON CAS's default-typing mapper reads as a Principal. */
export function principalJson(user: Pick<ServeUser, 'username' | 'attributes'>): string {
  const attributes: Record<string, unknown> = { '@class': 'java.util.LinkedHashMap' };
  for (const [name, values] of Object.entries(user.attributes)) attributes[name] = ['java.util.ArrayList', values];
  return JSON.stringify({ '@class': SIMPLE_PRINCIPAL, id: user.username, attributes });
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export interface Decision {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  /** for the log line: never the password */
  username?: string;
  why: string;
}

function json(status: number, body: unknown, extra: Record<string, string | string[]> = {}, why = ''): Decision {
  return { status, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body), why };
}

/** Parses `Authorization: Basic …` as CAS builds it (UTF-8, standard Base64). */
export function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export async function decide(users: Map<string, ServeUser>, authorization: string | undefined, now = new Date()): Promise<Decision> {
  const credentials = parseBasic(authorization);
  if (!credentials) {
    return json(401, { error: 'missing or malformed Basic credentials' }, { 'www-authenticate': 'Basic realm="cas"' }, 'no Basic credentials');
  }
  const user = users.get(credentials.username);
  if (!user) return { ...json(404, { error: 'account not found' }, {}, 'unknown user'), username: credentials.username };
  let matches: boolean;
  if (user.passwordHash !== undefined) {
    const { default: bcrypt } = await import('bcryptjs');
    matches = await bcrypt.compare(credentials.password, user.passwordHash);
  } else {
    matches = sameSecret(credentials.password, user.password!);
  }
  if (!matches) return { ...json(401, { error: 'authentication failed' }, {}, 'wrong password'), username: user.username };
  if (user.state !== 'active') {
    return { ...json(STATE_STATUS[user.state], { error: `account ${user.state}` }, {}, `account ${user.state}`), username: user.username };
  }
  if (user.passwordExpires && user.passwordExpires.getTime() <= now.getTime()) {
    return { ...json(428, { error: 'password expired' }, {}, 'password expired'), username: user.username };
  }
  const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
  if (user.warnings.length > 0) headers['x-cas-warning'] = user.warnings;
  if (user.passwordExpires) headers['x-cas-passwordexpirationdate'] = formatRfc1123(user.passwordExpires);
  return { status: 200, headers, body: principalJson(user), username: user.username, why: 'authenticated' };
}

export interface RunningServer {
  url: string;
  address: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  users: ServeUser[];
  host: string;
  port: number;
  /** one line per answered request (no secrets) */
  log?: (line: string) => void;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const users = new Map(options.users.map((u) => [u.username, u]));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // CAS sends no body; whatever arrives is drained and ignored.
    req.resume();
    req.on('end', () => {
      decide(users, req.headers.authorization)
        .then((d) => {
          res.writeHead(d.status, { ...d.headers, 'content-length': Buffer.byteLength(d.body), 'cache-control': 'no-store' });
          res.end(d.body);
          options.log?.(`${req.method} ${req.url} ${d.username !== undefined ? JSON.stringify(d.username) : '-'} → ${d.status} (${d.why})`);
        })
        .catch(() => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end('{"error":"internal error"}');
        });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      const why =
        error.code === 'EADDRINUSE'
          ? 'the address is already in use'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.code === 'EADDRNOTAVAIL'
              ? 'no local interface has that address'
              : error.message;
      reject(
        inputError('E_LISTEN_FAILED', `cannot listen on ${where}: ${why}`, {
          cause: error,
          hint: 'pick another --port (0 picks a free one) or --listen address',
        }),
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    address: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
