/**
 * What CAS concludes from the endpoint's answer (RestAuthenticationHandler, CAS 6/7):
 * the status picks the exception; a 200 body is read by a Jackson mapper with default typing
 * (NON_FINAL, `@class` as a property, collections as `["java.util.ArrayList", [...]]`) as a
 * `Principal`; warnings come from X-CAS-Warning and X-CAS-PasswordExpirationDate, on success only.
 */
import { daysLeft, parseExpirationDate, type ExpirationFormat } from './dates.js';

export type CasException =
  | 'FailedLoginException'
  | 'AccountDisabledException'
  | 'AccountNotFoundException'
  | 'AccountLockedException'
  | 'AccountExpiredException'
  | 'AccountPasswordMustChangeException';

export const EXCEPTION_CLASS: Record<CasException, string> = {
  FailedLoginException: 'javax.security.auth.login.FailedLoginException',
  AccountDisabledException: 'org.apereo.cas.authentication.exceptions.AccountDisabledException',
  AccountNotFoundException: 'javax.security.auth.login.AccountNotFoundException',
  AccountLockedException: 'javax.security.auth.login.AccountLockedException',
  AccountExpiredException: 'javax.security.auth.login.AccountExpiredException',
  AccountPasswordMustChangeException: 'org.apereo.cas.authentication.exceptions.AccountPasswordMustChangeException',
};

/** Stable casctl error codes, one per CAS outcome (documented in docs/readme/rest-auth.md). */
export const EXCEPTION_CODE: Record<CasException, string> = {
  FailedLoginException: 'E_REST_AUTH_FAILED_LOGIN',
  AccountDisabledException: 'E_REST_AUTH_ACCOUNT_DISABLED',
  AccountNotFoundException: 'E_REST_AUTH_ACCOUNT_NOT_FOUND',
  AccountLockedException: 'E_REST_AUTH_ACCOUNT_LOCKED',
  AccountExpiredException: 'E_REST_AUTH_ACCOUNT_EXPIRED',
  AccountPasswordMustChangeException: 'E_REST_AUTH_PASSWORD_MUST_CHANGE',
};
export const UNREADABLE_PRINCIPAL_CODE = 'E_REST_AUTH_BAD_PRINCIPAL';

export const SIMPLE_PRINCIPAL = 'org.apereo.cas.authentication.principal.SimplePrincipal';
const MAP_CLASSES = new Set([
  'java.util.LinkedHashMap',
  'java.util.HashMap',
  'java.util.TreeMap',
  'java.util.Map',
  'java.util.concurrent.ConcurrentHashMap',
  'java.util.Hashtable',
]);
const LIST_CLASSES = new Set([
  'java.util.ArrayList',
  'java.util.List',
  'java.util.LinkedList',
  'java.util.Collection',
  'java.util.Vector',
  'java.util.concurrent.CopyOnWriteArrayList',
]);

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** alternating names and values as received; Node joins repeated headers in `headers` */
  rawHeaders?: string[];
  body: string;
}

export interface PasswordExpiration {
  /** the header as received */
  header: string;
  /** ISO instant, when CAS could parse it */
  date?: string;
  format?: ExpirationFormat;
  daysLeft?: number;
}

export interface Verdict {
  authenticated: boolean;
  /** principal CAS builds (authenticated only) */
  principal?: { id: string; attributes: Record<string, unknown[]> };
  /** the exception CAS raises (refused only) */
  exception?: CasException;
  exceptionClass?: string;
  /** the exception message, as CAS words it */
  message?: string;
  /** why, in casctl's words, when it is not obvious from the status */
  reason?: string;
  /** stable casctl code for a refusal */
  code?: string;
  warnings: string[];
  passwordExpiration?: PasswordExpiration;
  /** things CAS tolerates but an endpoint author should know */
  notes: string[];
}

/** Each header line, as Apache HttpClient's getHeaders(name) gives them to CAS. */
function values(response: ExchangeResponse, name: string): string[] {
  const lower = name.toLowerCase();
  if (response.rawHeaders) {
    const out: string[] = [];
    for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
      if (response.rawHeaders[i]!.toLowerCase() === lower) out.push(response.rawHeaders[i + 1]!);
    }
    return out;
  }
  const v = response.headers[lower];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function refuse(exception: CasException, message: string, reason?: string, code?: string): Verdict {
  return {
    authenticated: false,
    exception,
    exceptionClass: EXCEPTION_CLASS[exception],
    message,
    reason,
    code: code ?? EXCEPTION_CODE[exception],
    warnings: [],
    notes: [],
  };
}

class Unreadable extends Error {}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** A value of declared type Object: natural JSON scalars pass untyped; containers need type info. */
function readObjectValue(value: unknown, where: string, notes: string[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (Array.isArray(value)) {
    if (value.length === 2 && typeof value[0] === 'string' && Array.isArray(value[1]) && LIST_CLASSES.has(value[0])) {
      return (value[1] as unknown[]).map((v, i) => readObjectValue(v, `${where}[${i}]`, notes));
    }
    if (value.length === 2 && typeof value[0] === 'string') {
      // ["java.lang.Long", 5], ["java.util.Date", ...]: a typed scalar; Jackson resolves the class.
      notes.push(`${where} is typed as ${value[0]}; CAS loads that class by name`);
      return value[1];
    }
    throw new Unreadable(`${where} is an untyped JSON array; Jackson's default typing expects ["java.util.ArrayList", [...]]`);
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj['@class'] !== 'string') {
    throw new Unreadable(`${where} is a JSON object without "@class"; Jackson's default typing cannot tell which Java class to build`);
  }
  notes.push(`${where} is a typed object (${obj['@class'] as string}); CAS loads that class by name`);
  return obj;
}

function readAttributes(raw: unknown, notes: string[]): Record<string, unknown[]> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Unreadable(`"attributes" is ${kind(raw)}, not a typed map ({"@class":"java.util.LinkedHashMap", ...})`);
  }
  const map = raw as Record<string, unknown>;
  const cls = map['@class'];
  if (cls === undefined) {
    throw new Unreadable('"attributes" has no "@class"; CAS reads it with default typing and needs {"@class":"java.util.LinkedHashMap", ...}');
  }
  if (typeof cls !== 'string' || !MAP_CLASSES.has(cls)) {
    throw new Unreadable(`"attributes" has "@class": ${JSON.stringify(cls)}, which is not a java.util Map class`);
  }
  const out: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries(map)) {
    if (name === '@class') continue;
    if (value === null) {
      out[name] = [];
      notes.push(`attribute "${name}" is null: CAS keeps it without values`);
      continue;
    }
    if (!Array.isArray(value)) {
      throw new Unreadable(`attribute "${name}" is ${kind(value)}; CAS expects a typed list such as ["java.util.ArrayList", [${JSON.stringify(value)}]]`);
    }
    if (value.length !== 2 || typeof value[0] !== 'string' || !Array.isArray(value[1])) {
      throw new Unreadable(
        `attribute "${name}" is an untyped JSON array; CAS expects ["java.util.ArrayList", [...values]] (Jackson would take ${JSON.stringify(value[0])} for a class name)`,
      );
    }
    if (!LIST_CLASSES.has(value[0])) {
      throw new Unreadable(`attribute "${name}" is typed as ${JSON.stringify(value[0])}, which is not a java.util List class`);
    }
    out[name] = (value[1] as unknown[]).map((v, i) => readObjectValue(v, `attribute "${name}"[${i}]`, notes));
  }
  return out;
}

/** The principal as CAS's mapper reads `Principal.class`, or why it cannot. */
export function readPrincipal(body: string): { id: string; attributes: Record<string, unknown[]>; notes: string[] } {
  const notes: string[] = [];
  if (body.trim() === '') throw new Unreadable('the body is empty');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const preview = body.length > 60 ? `${body.slice(0, 60)}…` : body;
    throw new Unreadable(`the body is not JSON (${(error as Error).message}): ${JSON.stringify(preview)}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Unreadable(`the body is ${kind(json)}, not a JSON object with "@class" and "id"`);
  }
  const root = json as Record<string, unknown>;
  const cls = root['@class'];
  if (cls === undefined) {
    throw new Unreadable(`the JSON has no "@class"; CAS needs "@class": "${SIMPLE_PRINCIPAL}" to know which Principal to build`);
  }
  if (cls !== SIMPLE_PRINCIPAL) {
    throw new Unreadable(`"@class" is ${JSON.stringify(cls)}; the Principal class CAS ships for this is ${SIMPLE_PRINCIPAL}`);
  }
  const rawId = root.id;
  let id: string;
  if (typeof rawId === 'string') id = rawId;
  else if (typeof rawId === 'number' || typeof rawId === 'boolean') {
    id = String(rawId);
    notes.push(`"id" is ${kind(rawId)}; Jackson coerces it to the string "${id}"`);
  } else if (rawId === undefined || rawId === null) {
    throw new Unreadable('the principal has no "id"');
  } else {
    throw new Unreadable(`"id" is ${kind(rawId)}, not a string`);
  }
  if (id.trim() === '') throw new Unreadable('the principal "id" is blank');
  const attributes = readAttributes(root.attributes, notes);
  const unknown = Object.keys(root).filter((k) => !['@class', 'id', 'attributes'].includes(k));
  if (unknown.length > 0) notes.push(`ignored by CAS: ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  return { id, attributes, notes };
}

/** CAS's decision for one response. `username` is only used to word the messages as CAS does. */
export function judgeResponse(response: ExchangeResponse, username: string, now = new Date()): Verdict {
  switch (response.status) {
    case 200:
      break;
    case 401:
      return refuse('FailedLoginException', `Could not authenticate account for ${username}`, 'the endpoint answered 401');
    case 403:
      return refuse('AccountDisabledException', `Could not authenticate forbidden account for ${username}`, 'the endpoint answered 403 (account disabled)');
    case 404:
      return refuse('AccountNotFoundException', `Could not locate account for ${username}`, 'the endpoint answered 404 (no such account)');
    case 423:
      return refuse('AccountLockedException', `Could not authenticate locked account for ${username}`, 'the endpoint answered 423 (account locked)');
    case 412:
      return refuse('AccountExpiredException', `Could not authenticate expired account for ${username}`, 'the endpoint answered 412 (account expired)');
    case 428:
      return refuse('AccountPasswordMustChangeException', `Account password must change for ${username}`, 'the endpoint answered 428 (password must change)');
    default:
      return refuse(
        'FailedLoginException',
        `Rest endpoint returned an unknown status code ${response.status} for ${username}`,
        response.status >= 300 && response.status < 400
          ? `a redirect${values(response, 'location')[0] ? ` to ${values(response, 'location')[0]}` : ''}: casctl does not follow it and CAS's HTTP client may not either; point cas.authn.rest[].uri at the final URL`
          : `only 200 authenticates; ${response.status} is none of 401, 403, 404, 412, 423, 428`,
      );
  }
  const unreadable = (why: string) =>
    refuse('FailedLoginException', `Unable to detect the authentication principal for ${username}`, `CAS cannot read the 200 answer: ${why}`, UNREADABLE_PRINCIPAL_CODE);
  let principal;
  try {
    principal = readPrincipal(response.body);
  } catch (error) {
    if (error instanceof Unreadable) return unreadable(error.message);
    throw error;
  }
  const verdict: Verdict = {
    authenticated: true,
    principal: { id: principal.id, attributes: principal.attributes },
    warnings: values(response, 'x-cas-warning'),
    notes: principal.notes,
  };
  const expiration = values(response, 'x-cas-passwordexpirationdate')[0];
  if (expiration !== undefined) {
    const parsed = parseExpirationDate(expiration, now);
    if (!parsed) {
      // getWarnings runs inside the same try as the principal: the null date fails the whole login.
      return {
        ...unreadable(
          `X-CAS-PasswordExpirationDate ${JSON.stringify(expiration)} is neither ISO-8601 with an offset, RFC 1123, nor one of CAS's local formats`,
        ),
        passwordExpiration: { header: expiration },
      };
    }
    verdict.passwordExpiration = {
      header: expiration,
      date: parsed.date.toISOString(),
      format: parsed.format,
      daysLeft: daysLeft(parsed.date, now),
    };
    if (parsed.format !== 'ISO zoned' && parsed.format !== 'RFC 1123') {
      verdict.notes.push(`X-CAS-PasswordExpirationDate has no zone; CAS takes it as UTC (${parsed.format})`);
    }
  }
  return verdict;
}
