/**
 * The contract a REST authentication endpoint must keep for CAS (docs: authentication/Rest-Authentication.md):
 * good credentials → 200 + typed principal JSON; a wrong password → 401 (not 200 with an error body,
 * not 500); an unknown user → 401 or 404; every answer well within CAS's 5 s; JSON content type.
 * GET is not part of it: CAS sends POST (or the configured method) only.
 */
import { randomBytes } from 'node:crypto';
import { CasctlError } from '../errors.js';
import type { HttpClient } from '../io/http.js';
import { probeEndpoint, type ProbeOutcome } from './probe.js';

export const SLOW_WARN_MS = 2_000;

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckRow {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
}

export interface CheckInput {
  url: string;
  method: string;
  username: string;
  encode: (password: string) => string;
  password: string;
  /** given by the operator; else derived */
  wrongPassword?: string;
  unknownUser?: string;
  timeoutMs: number;
}

export interface CheckResult {
  ok: boolean;
  rows: CheckRow[];
  wrongPasswordDerived: boolean;
  unknownUser: string;
  exchanges: { case: string; status?: number; ms?: number; outcome: string }[];
}

/**
 * A wrong password close to the real one catches endpoints that compare prefixes; bcrypt ignores
 * bytes after the 72nd, so a long password gets a different first character instead.
 */
export function deriveWrongPassword(password: string): string {
  const suffix = randomBytes(4).toString('hex');
  if (Buffer.byteLength(password, 'utf8') >= 64) {
    const first = password[0] === 'x' ? 'y' : 'x';
    return `${first}${password.slice(1)}`;
  }
  return `${password}${suffix}`;
}

type Attempt = { outcome?: ProbeOutcome; error?: CasctlError };

async function attempt(http: HttpClient, input: CheckInput, username: string, password: string): Promise<Attempt> {
  try {
    const outcome = await probeEndpoint(
      { url: input.url, method: input.method, username, encodedPassword: input.encode(password), timeoutMs: input.timeoutMs },
      http,
    );
    return { outcome };
  } catch (error) {
    if (error instanceof CasctlError && error.category === 'network') return { error };
    throw error;
  }
}

function describe(a: Attempt): string {
  if (a.error) return a.error.code === 'E_TIMEOUT' ? 'no answer in time' : `transport error: ${a.error.code}`;
  const o = a.outcome!;
  return o.authenticated ? `${o.exchange.status}, principal ${JSON.stringify(o.principal!.id)}` : `${o.exchange.status} → ${o.exception}`;
}

export async function checkEndpoint(input: CheckInput, http: HttpClient): Promise<CheckResult> {
  const wrongPassword = input.wrongPassword ?? deriveWrongPassword(input.password);
  const unknownUser = input.unknownUser ?? `casctl-no-such-user-${randomBytes(6).toString('hex')}`;
  const rows: CheckRow[] = [];
  const good = await attempt(http, input, input.username, input.password);
  const wrong = await attempt(http, input, input.username, wrongPassword);
  const unknown = await attempt(http, input, unknownUser, wrongPassword);
  // Nothing reached the endpoint at all (refused, DNS, TLS): that is a transport failure (exit 4), not a verdict.
  const attempts = [good, wrong, unknown];
  if (attempts.every((a) => a.error && a.error.code !== 'E_TIMEOUT')) throw good.error!;

  // 1. good credentials
  if (good.error) {
    rows.push({ id: 'good-credentials', title: 'good credentials authenticate', status: 'fail', detail: good.error.message });
  } else if (!good.outcome!.authenticated) {
    const o = good.outcome!;
    rows.push({
      id: 'good-credentials',
      title: 'good credentials authenticate',
      status: 'fail',
      detail:
        o.exchange.status === 200
          ? `200, but CAS raises ${o.exception}: it cannot read the body (see the next row)`
          : `${o.exchange.status}: CAS raises ${o.exception}${o.reason ? ` (${o.reason})` : ''}`,
    });
  } else {
    const o = good.outcome!;
    const attrs = Object.keys(o.principal!.attributes).length;
    rows.push({
      id: 'good-credentials',
      title: 'good credentials authenticate',
      status: 'pass',
      detail: `200, principal ${JSON.stringify(o.principal!.id)} with ${attrs} attribute${attrs === 1 ? '' : 's'}`,
    });
  }

  // 2. typed principal (only meaningful on a 200)
  if (good.outcome && good.outcome.exchange.status === 200) {
    const o = good.outcome;
    rows.push({
      id: 'typed-principal',
      title: '200 body is a typed principal CAS can read',
      status: o.authenticated ? (o.notes.length > 0 ? 'warn' : 'pass') : 'fail',
      detail: o.authenticated ? (o.notes.length > 0 ? o.notes.join('; ') : '"@class" SimplePrincipal, typed attributes') : o.reason ?? o.message ?? '',
    });
    const ct = o.exchange.contentType ?? '';
    const json = /^application\/(?:[\w.+-]*\+)?json\b/i.test(ct.trim());
    rows.push({
      id: 'content-type',
      title: 'success answer has a JSON content type',
      status: json ? 'pass' : 'fail',
      detail: ct ? `Content-Type: ${ct}` : 'no Content-Type header',
    });
  } else {
    rows.push({
      id: 'typed-principal',
      title: '200 body is a typed principal CAS can read',
      status: 'fail',
      detail: 'no 200 answer to judge',
    });
  }

  // 3. wrong password
  if (wrong.error) {
    rows.push({ id: 'wrong-password', title: 'a wrong password is refused with 401', status: 'fail', detail: wrong.error.message });
  } else {
    const o = wrong.outcome!;
    const s = o.exchange.status;
    const derived = input.wrongPassword === undefined ? ' (derived)' : '';
    let detail: string;
    if (s === 401) detail = `401 → FailedLoginException${derived}`;
    else if (s === 200 && o.authenticated) detail = `200: CAS would LOG THE USER IN with a wrong password${derived}`;
    else if (s === 200) detail = `200 with a body CAS cannot read: CAS refuses only by accident; answer 401 instead`;
    else if (s >= 500) detail = `${s}: a server error, CAS reports FailedLoginException only as "unknown status"; answer 401`;
    else detail = `${s} → ${o.exception}: CAS shows the wrong reason for a wrong password; answer 401`;
    rows.push({ id: 'wrong-password', title: 'a wrong password is refused with 401', status: s === 401 ? 'pass' : 'fail', detail });
  }

  // 4. unknown user
  if (unknown.error) {
    rows.push({ id: 'unknown-user', title: 'an unknown user is refused with 401 or 404', status: 'fail', detail: unknown.error.message });
  } else {
    const s = unknown.outcome!.exchange.status;
    const okStatus = s === 401 || s === 404;
    rows.push({
      id: 'unknown-user',
      title: 'an unknown user is refused with 401 or 404',
      status: okStatus ? 'pass' : 'fail',
      detail: `${JSON.stringify(unknownUser)}: ${s} → ${unknown.outcome!.authenticated ? 'AUTHENTICATED' : unknown.outcome!.exception}`,
    });
  }

  // 5. timing
  const timed = [
    ['good credentials', good],
    ['wrong password', wrong],
    ['unknown user', unknown],
  ] as const;
  const timeouts = timed.filter(([, a]) => a.error?.code === 'E_TIMEOUT').map(([name]) => name);
  const slow = timed.filter(([, a]) => a.outcome && a.outcome.exchange.ms > SLOW_WARN_MS).map(([name, a]) => `${name} ${a.outcome!.exchange.ms} ms`);
  const slowest = Math.max(0, ...timed.map(([, a]) => a.outcome?.exchange.ms ?? 0));
  rows.push({
    id: 'timing',
    title: `answers within ${SLOW_WARN_MS / 1000} s (warn) and ${input.timeoutMs / 1000} s (fail)`,
    status: timeouts.length > 0 ? 'fail' : slow.length > 0 ? 'warn' : 'pass',
    detail:
      timeouts.length > 0
        ? `no answer within ${input.timeoutMs / 1000} s for: ${timeouts.join(', ')} (CAS would have timed out)`
        : slow.length > 0
          ? `slow: ${slow.join(', ')}`
          : `slowest ${slowest} ms`,
  });

  return {
    ok: rows.every((r) => r.status !== 'fail'),
    rows,
    wrongPasswordDerived: input.wrongPassword === undefined,
    unknownUser,
    exchanges: timed.map(([name, a]) => ({
      case: name,
      status: a.outcome?.exchange.status,
      ms: a.outcome?.exchange.ms,
      outcome: describe(a),
    })),
  };
}
