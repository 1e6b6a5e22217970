/**
 * acme-client 5 as the protocol engine (JWS, account, order, finalize, download), wrapped where it is
 * weak (see issue 5 and shared/reference/test-peers.md):
 * - the directory is fetched by casctl first, so a CA that is down is an exit-4 message naming the host,
 *   not acme-client's bare TypeError;
 * - acme-client's transport (axios, ~200 ms of module loading and no timeout by default) is replaced by
 *   casctl's own HTTP client (src/io/http.ts: timeout on every request, --ca-file, errors naming the host),
 *   handed to acme-client in place of its `./axios` module;
 * - `badNonce` answers are retried many times with a fresh nonce (acme-client's 5 retries lose about one
 *   issuance in ten at pebble's 50 % rejection), and nonces from every response are reused instead of a
 *   HEAD newNonce before each request;
 * - every error answer becomes a CasctlError carrying the CA's problem document (RFC 8555 §6.7: type,
 *   detail, subproblems) instead of a one-line Error;
 * - polling (authorizations, order) is casctl's own: bounded in time, Retry-After honoured but capped,
 *   reporting which domain failed; acme-client's verifyChallenge self-check is never used (it can hang).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { IN_BUNDLE } from '../cli/build-info.js';
import { CasctlError, networkError, refusedError, usageError } from '../errors.js';
import { header, networkFailure, type HttpClient } from '../io/http.js';
import { acmeTransport, axiosModule, cryptoModule } from './acme-client-shims.js';

export const LETS_ENCRYPT = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/**
 * A directory URL from what a user or CAS's `cas.acme.server-url` holds: acme4j's `acme://letsencrypt.org`
 * and `acme://letsencrypt.org/staging` map to Let's Encrypt's directories, `https://` is used as is.
 */
export function directoryUrlFor(server: string): string {
  const value = server.trim();
  if (/^https?:\/\//i.test(value)) return value;
  const match = /^acme:\/\/([^/]+)(\/.*)?$/i.exec(value);
  if (match) {
    const host = match[1]!.toLowerCase();
    const path = (match[2] ?? '').replace(/\/+$/, '').toLowerCase();
    if (host === 'letsencrypt.org') {
      if (path === '' || path === '/v02') return LETS_ENCRYPT.production;
      if (path === '/staging' || path === '/v02/staging') return LETS_ENCRYPT.staging;
    }
    throw usageError('E_ACME_SERVER_UNKNOWN', `unknown ACME server ${value}`, {
      hint: 'casctl maps acme://letsencrypt.org and acme://letsencrypt.org/staging; for any other CA pass its directory URL (https://…/directory)',
    });
  }
  throw usageError('E_ACME_SERVER_INVALID', `--server takes a directory URL (https://…) or acme://letsencrypt.org[/staging], got '${value}'`);
}

export interface Problem {
  type?: string;
  detail?: string;
  status?: number;
  subproblems?: { type?: string; detail?: string; identifier?: { type: string; value: string } }[];
  [key: string]: unknown;
}

const shortType = (type?: string) => (type ?? 'unknown').replace('urn:ietf:params:acme:error:', '');

export function describeProblem(problem: Problem): string {
  let text = `${shortType(problem.type)}: ${problem.detail ?? '(no detail)'}`;
  for (const sub of problem.subproblems ?? []) {
    text += `; ${sub.identifier?.value ?? '?'}: ${shortType(sub.type)}: ${sub.detail ?? ''}`;
  }
  return text;
}

/** The CA answered with a problem document. refused (exit 1), except rate limits and server errors. */
export function problemError(problem: Problem, url: string, what: string): CasctlError {
  const type = problem.type ?? '';
  const details = { problem, url };
  const message = `${what}: ${describeProblem(problem)}`;
  if (type.endsWith(':serverInternal')) return networkError('E_ACME_SERVER_ERROR', message, { details, hint: 'the CA had an internal error; try again later' });
  if (type.endsWith(':rateLimited')) return refusedError('E_ACME_RATE_LIMITED', message, { details, hint: 'wait before retrying; use --staging or --dry-run while testing' });
  if (type.endsWith(':externalAccountRequired')) return usageError('E_ACME_EAB_REQUIRED', message, { details, hint: 'this CA needs --eab-kid and --eab-hmac-key-file' });
  if (type.endsWith(':userActionRequired') || type.endsWith(':agreementRequired')) {
    return refusedError('E_ACME_ACTION_REQUIRED', message, { details, hint: 'the CA wants the terms of service accepted again: re-run with --agree-tos' });
  }
  if (type.endsWith(':invalidProfile')) {
    return refusedError('E_ACME_PROFILE_REFUSED', message, { details, hint: 'the CA lists profiles it may no longer accept: see casctl acme profiles, or drop --profile for its default' });
  }
  return refusedError('E_ACME_PROBLEM', message, { details });
}

export interface AcmeConnectOptions {
  directoryUrl: string;
  /** PKCS#8 PEM */
  accountKey: string;
  caFile?: string;
  insecure?: boolean;
  timeoutMs: number;
  eab?: { kid: string; hmacKey: string };
  /** how many badNonce answers in a row one request survives */
  badNonceRetries?: number;
  log?: (line: string) => void;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyClient = any;

export interface AcmeSession {
  client: AnyClient;
  directoryUrl: string;
  directory: Record<string, any>;
  /** POST-as-GET returning data and headers */
  get(url: string): Promise<{ status: number; data: any; headers: Record<string, string> }>;
  /** wraps an acme-client call: network errors → exit 4 naming the host */
  call<T>(fn: () => Promise<T>, what: string): Promise<T>;
  counters: { requests: number; badNonce: number };
  close(): Promise<void>;
}

/** Fetches the directory with casctl's own HTTP client: a down CA is a clear exit-4 error, fast. */
export async function fetchDirectory(http: HttpClient, options: Pick<AcmeConnectOptions, 'directoryUrl'>): Promise<Record<string, any>> {
  let response;
  try {
    response = await http.request({ url: options.directoryUrl, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (error instanceof CasctlError) error.message = `cannot reach the ACME CA: ${error.message}`;
    throw error;
  }
  const invalid = (why: string) =>
    networkError('E_ACME_DIRECTORY', `${options.directoryUrl} is not an ACME directory (${why})`, {
      hint: 'check --server: it must be the directory URL of an ACME CA',
    });
  if (response.status !== 200) throw invalid(`HTTP ${response.status}`);
  let directory: Record<string, any>;
  try {
    directory = JSON.parse(response.body);
  } catch {
    throw invalid(`not JSON, ${header(response, 'content-type') ?? 'no content type'}`);
  }
  if (typeof directory.newOrder !== 'string' || typeof directory.newAccount !== 'string' || typeof directory.newNonce !== 'string') {
    throw invalid('no newOrder/newAccount/newNonce');
  }
  return directory;
}

/**
 * The part of axios acme-client uses (`request({url, method, headers, data})` → `{status, headers, data}`),
 * over casctl's HTTP client. JSON bodies are parsed as axios does; anything else (PEM chains) stays text.
 */
function axiosShim(http: HttpClient) {
  const request = async (config: { url: string; method?: string; headers?: Record<string, string>; data?: unknown }) => {
    const body = config.data === undefined || config.data === null ? undefined : typeof config.data === 'string' ? config.data : JSON.stringify(config.data);
    const response = await http.request({ url: config.url, method: (config.method ?? 'get').toUpperCase(), headers: config.headers, body });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let data: unknown = response.body;
    if (/json/i.test(headers['content-type'] ?? '') && response.body !== '') {
      try {
        data = JSON.parse(response.body);
      } catch {
        /* kept as text, as axios does */
      }
    }
    return { status: response.status, statusText: '', headers, data, config };
  };
  const instance: any = (config: any) => request(config);
  instance.request = request;
  instance.defaults = { headers: { common: {} }, acmeSettings: { httpChallengePort: 80, httpsChallengePort: 443, tlsAlpnChallengePort: 443, retryMaxAttempts: 0, retryDefaultDelay: 1 } };
  instance.interceptors = { request: { use() {} }, response: { use() {} } };
  return instance;
}

let installedShim = false;

/**
 * Loads acme-client's Client with its `./axios` and `./crypto` modules replaced by acme-client-shims.ts.
 * In the bundle, scripts/build.mjs resolves those two requires to the shims at build time; from the
 * sources, the shims are put in the CommonJS require cache before client.js is first required.
 */
function loadClientClass(http: HttpClient): any {
  acmeTransport.current = axiosShim(http);
  if (IN_BUNDLE) return require('acme-client/src/client.js');
  const requireCjs = createRequire(import.meta.url);
  if (!installedShim) {
    installedShim = true;
    const entry = (path: string, exports: unknown) =>
      ({ id: path, filename: path, path: dirname(path), loaded: true, exports, children: [], paths: [] }) as any;
    const axiosPath = requireCjs.resolve('acme-client/src/axios.js');
    requireCjs.cache[axiosPath] = entry(axiosPath, axiosModule);
    const cryptoPath = requireCjs.resolve('acme-client/src/crypto/index.js');
    requireCjs.cache[cryptoPath] = entry(cryptoPath, cryptoModule);
  }
  return requireCjs('acme-client/src/client.js');
}

/** The CA's profiles (draft-ietf-acme-profiles: `meta.profiles`, name → description), [] when it offers none. */
export function profilesOf(directory: Record<string, any>): { name: string; description: string }[] {
  const profiles = directory.meta?.profiles;
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) return [];
  return Object.entries(profiles).map(([name, description]) => ({ name, description: typeof description === 'string' ? description : JSON.stringify(description) }));
}

/** RFC 9773 §3: the directory's top-level `renewalInfo` URL, if the CA offers ARI. */
export function renewalInfoOf(directory: Record<string, any>): string | undefined {
  return typeof directory.renewalInfo === 'string' && /^https?:\/\//i.test(directory.renewalInfo) ? directory.renewalInfo : undefined;
}

/** The ACME problem type a CasctlError carries (RFC 8555 §6.7), e.g. `urn:ietf:params:acme:error:alreadyReplaced`. */
export function problemTypeOf(error: unknown): string | undefined {
  return error instanceof CasctlError ? ((error.details?.problem as Problem | undefined)?.type ?? undefined) : undefined;
}

export async function connect(options: AcmeConnectOptions): Promise<AcmeSession> {
  const { createHttpClient } = await import('../io/http.js');
  const http = await createHttpClient({ caFile: options.caFile, insecure: options.insecure, timeoutMs: options.timeoutMs, userAgent: 'casctl' });
  const directory = await fetchDirectory(http, options);
  const Client = loadClientClass(http);
  const client = new Client({
    directoryUrl: options.directoryUrl,
    accountKey: options.accountKey,
    externalAccountBinding: options.eab,
  });
  const acmeHttp = client.http;
  acmeHttp.directoryCache = directory;
  acmeHttp.directoryTimestamp = Math.floor(Date.now() / 1000);
  acmeHttp.maxBadNonceRetries = 0;

  const counters = { requests: 0, badNonce: 0 };
  const nonces: string[] = [];
  const maxRetries = options.badNonceRetries ?? 25;
  const originalRequest = acmeHttp.request.bind(acmeHttp);
  acmeHttp.request = async (url: string, method: string, opts: any = {}) => {
    counters.requests++;
    let resp;
    try {
      resp = await originalRequest(url, method, opts);
    } catch (error) {
      throw error instanceof CasctlError ? error : networkFailure(error, new URL(url), options.timeoutMs);
    }
    options.log?.(`acme: ${method.toUpperCase()} ${url} → ${resp.status}`);
    const nonce = resp.headers?.['replay-nonce'];
    if (nonce && method !== 'head') nonces.push(nonce);
    return resp;
  };
  const originalSigned = acmeHttp.signedRequest.bind(acmeHttp);
  acmeHttp.signedRequest = async (url: string, payload: any, opts: any = {}) => {
    for (let attempt = 0; ; attempt++) {
      // acme-client adds the EAB member to the payload it is given: hand it a fresh copy every time.
      const body = payload === null || payload === undefined ? payload : structuredClone(payload);
      const resp = await originalSigned(url, body, { ...opts, nonce: nonces.pop() ?? null });
      const data = resp.data;
      if (resp.status === 400 && data?.type === 'urn:ietf:params:acme:error:badNonce') {
        counters.badNonce++;
        if (attempt < maxRetries) {
          options.log?.(`acme: badNonce from ${url}, retrying with a fresh nonce (${attempt + 1}/${maxRetries})`);
          continue;
        }
      }
      if (resp.status >= 400) {
        const problem: Problem = data && typeof data === 'object' ? data : { detail: String(data ?? '') };
        throw problemError({ status: resp.status, ...problem }, url, `the CA refused ${new URL(url).pathname}`);
      }
      return resp;
    }
  };

  const call = async <T>(fn: () => Promise<T>, what: string): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof CasctlError) throw error;
      // acme-client's own errors (a missing URL, an unexpected answer): say which step.
      throw networkError('E_ACME_CLIENT', `${what}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  };
  return {
    client,
    directoryUrl: options.directoryUrl,
    directory,
    counters,
    call,
    get: (url) => call(() => client.api.apiRequest(url, null, [200]), `fetching ${url}`),
    close: () => http.close(),
  };
}

/**
 * Finds the account of this key (RFC 8555 §7.3.1 onlyReturnExisting) or registers it. Looking up first
 * matters: acme-client's createAccount() on a known key sends an empty update, which pebble rejects.
 */
export async function ensureAccount(
  session: AcmeSession,
  options: { agreeTos: boolean; email?: string },
): Promise<{ url: string; created: boolean; termsOfService?: string }> {
  const { client } = session;
  try {
    await session.call(() => client.api.createAccount({ onlyReturnExisting: true }), 'looking up the account');
    return { url: client.api.getAccountUrl(), created: false };
  } catch (error) {
    const type = ((error as CasctlError).details?.problem as Problem | undefined)?.type ?? '';
    if (!type.endsWith(':accountDoesNotExist')) throw error;
  }
  const termsOfService: string | undefined = session.directory.meta?.termsOfService;
  if (!options.agreeTos) {
    throw usageError('E_ACME_TOS_REQUIRED', `a new ACME account needs the CA's terms of service accepted${termsOfService ? ` (${termsOfService})` : ''}`, {
      hint: 'read them and pass --agree-tos (CAS: cas.acme.terms-of-use-accepted=true)',
    });
  }
  const data: Record<string, unknown> = { termsOfServiceAgreed: true };
  if (options.email) data.contact = [`mailto:${options.email}`];
  await session.call(() => client.createAccount(data), 'registering the account');
  return { url: client.api.getAccountUrl(), created: true, termsOfService };
}

export interface PollOptions {
  deadline: number;
  /** what is polled, for messages ("authorization of cas.example.org") */
  what: string;
  /** statuses that end the wait successfully */
  done: string[];
  signal?: AbortSignal;
  /** ceiling of one wait, ms (Retry-After is honoured up to this) */
  maxDelayMs?: number;
}

export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CasctlError('interrupted', 'E_INTERRUPTED', 'interrupted'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new CasctlError('interrupted', 'E_INTERRUPTED', 'interrupted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Polls an authorization or order until one of `done` (or invalid), bounded by `deadline`. */
export async function pollUntil(session: AcmeSession, url: string, options: PollOptions): Promise<any> {
  const maxDelay = options.maxDelayMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    const resp = await session.get(url);
    const status: string = resp.data?.status;
    if (options.done.includes(status)) return resp.data;
    if (status === 'invalid' || status === 'deactivated' || status === 'expired' || status === 'revoked') {
      return resp.data;
    }
    const suggested = retryAfterMs(resp.headers?.['retry-after']);
    // Short first waits: a CA often validates within milliseconds; then back off to 3 s.
    const backoff = Math.min(50 * 2 ** attempt, 3000);
    const delay = Math.min(suggested ?? backoff, maxDelay);
    if (Date.now() + delay > options.deadline) {
      throw networkError('E_ACME_POLL_TIMEOUT', `${options.what} is still ${status} after the time allowed`, {
        details: { url, status },
        hint: 'the CA is slow or stuck; re-run later or raise --poll-timeout',
      });
    }
    await sleep(delay, options.signal);
  }
}
