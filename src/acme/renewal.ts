/**
 * Asking the CA when to renew (RFC 9773), with memory: one unauthenticated GET of
 * `<renewalInfo>/<CertID>` at most per run, none while the last answer's (clamped) Retry-After runs.
 * ARI never fails a run: every failure is a `warning` and the caller falls back to the lifetime rule.
 */
import { CasctlError } from '../errors.js';
import type { HttpClient } from '../io/http.js';
import {
  ariDecision,
  clampRetryAfter,
  errorBackoffSeconds,
  parseRenewalInfo,
  renewalTime,
  type AriDecision,
  type RenewalWindow,
} from './ari.js';
import type { AriMemory } from './state.js';

/** ARI requests are never given more than this, whatever --timeout says: a stuck ARI must not hold cron. */
export const ARI_TIMEOUT_CAP_MS = 10_000;

export interface AriCheckInput {
  certId: string;
  /** the directory's renewalInfo URL */
  renewalInfo: string;
  /** the last answer remembered for this certificate, if any */
  memory?: AriMemory;
  now: Date;
  /** ask even while Retry-After runs */
  refetch: boolean;
  host: string;
  /** estimated time between runs (from the state file) */
  intervalMs?: number;
  timeoutMs: number;
  /** created on first use, so a remembered answer costs no TLS set-up */
  http: () => Promise<HttpClient>;
  log?: (line: string) => void;
}

export interface AriOutcome {
  certId: string;
  url: string;
  /** fetched now, remembered from an earlier run, or not known (an error now or in backoff) */
  source: 'fetched' | 'remembered' | 'unavailable';
  window?: RenewalWindow;
  renewalAt?: Date;
  explanationURL?: string;
  decision?: AriDecision;
  /** why there is no window (one line for the warning) */
  warning?: string;
  /** what to remember in the state file */
  memory: AriMemory;
  requests: number;
}

export function ariUrl(renewalInfo: string, certId: string): string {
  return `${renewalInfo.replace(/\/+$/, '')}/${certId}`;
}

export async function checkAri(input: AriCheckInput): Promise<AriOutcome> {
  const url = ariUrl(input.renewalInfo, input.certId);
  const { now } = input;
  const remembered = input.memory?.certId === input.certId ? input.memory : undefined;
  const base = { certId: input.certId, url };

  if (remembered && !input.refetch && Date.parse(remembered.nextFetch) > now.getTime()) {
    if (remembered.window) {
      input.log?.(`ARI: using the answer of ${remembered.fetchedAt} (next fetch after ${remembered.nextFetch})`);
      return decide({ ...base, source: 'remembered', memory: remembered, requests: 0 }, remembered, input);
    }
    input.log?.(`ARI: the last fetch failed (${remembered.error ?? 'error'}); not asking again before ${remembered.nextFetch}`);
    return { ...base, source: 'unavailable', memory: remembered, requests: 0 };
  }

  const failed = (kind: 'temporary' | 'long-term', reason: string): AriOutcome => {
    const failures = (remembered?.error ? (remembered.failures ?? 1) : 0) + 1;
    const wait = errorBackoffSeconds(kind, failures);
    const memory: AriMemory = {
      certId: input.certId,
      fetchedAt: now.toISOString(),
      nextFetch: new Date(now.getTime() + wait * 1000).toISOString(),
      error: reason,
      failures,
    };
    return { ...base, source: 'unavailable', warning: reason, memory, requests: 1 };
  };

  let response;
  try {
    const http = await input.http();
    response = await http.request({ url, headers: { Accept: 'application/json' }, timeoutMs: Math.min(input.timeoutMs, ARI_TIMEOUT_CAP_MS) });
  } catch (error) {
    const reason = error instanceof CasctlError ? error.message : String((error as Error)?.message ?? error);
    return failed('temporary', reason);
  }
  input.log?.(`ARI: GET ${url} → ${response.status}`);
  if (response.status >= 500) return failed('temporary', `GET ${url} answered HTTP ${response.status}`);
  if (response.status !== 200) return failed('long-term', `GET ${url} answered HTTP ${response.status}`);
  const info = parseRenewalInfo(response.body);
  if (typeof info === 'string') return failed('long-term', `${info} (GET ${url})`);
  const retryAfter = clampRetryAfter(headerOf(response.headers, 'retry-after'), now);
  if (retryAfter.clamped) input.log?.(`ARI: Retry-After ${retryAfter.given} s clamped to ${retryAfter.seconds} s`);
  const memory: AriMemory = {
    certId: input.certId,
    fetchedAt: now.toISOString(),
    nextFetch: new Date(now.getTime() + retryAfter.seconds * 1000).toISOString(),
    window: { start: info.window.start.toISOString(), end: info.window.end.toISOString() },
  };
  if (info.explanationURL) memory.explanationURL = info.explanationURL;
  return decide({ ...base, source: 'fetched', memory, requests: 1 }, memory, input);
}

function decide(outcome: AriOutcome, memory: AriMemory, input: AriCheckInput): AriOutcome {
  const window = { start: new Date(memory.window!.start), end: new Date(memory.window!.end) };
  const renewalAt = renewalTime(input.certId, window, input.host);
  const result: AriOutcome = { ...outcome, window, renewalAt, decision: ariDecision(window, renewalAt, input.now, input.intervalMs) };
  if (memory.explanationURL) result.explanationURL = memory.explanationURL;
  return result;
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The outcome as --json carries it. */
export function ariDocument(outcome: AriOutcome): Record<string, unknown> {
  const doc: Record<string, unknown> = { certId: outcome.certId, url: outcome.url, source: outcome.source };
  if (outcome.window) doc.window = { start: outcome.window.start.toISOString(), end: outcome.window.end.toISOString() };
  if (outcome.renewalAt) doc.renewalAt = outcome.renewalAt.toISOString();
  if (outcome.explanationURL) doc.explanationURL = outcome.explanationURL;
  if (outcome.decision) {
    doc.due = outcome.decision.due;
    doc.reason = outcome.decision.reason;
  }
  if (outcome.memory.error) doc.error = outcome.memory.error;
  doc.nextFetch = outcome.memory.nextFetch;
  return doc;
}
