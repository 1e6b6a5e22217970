/**
 * The HTTP client every network command uses: TLS verified by default (`--ca-file` adds a private CA,
 * `--insecure` is explicit and warned about), a timeout on every request (Node's own client would wait
 * minutes for headers), one kept-alive connection per origin, and failures turned into exit-4 errors
 * that name the host. --verbose lines pass through the caller's redactor.
 */
import { readFile } from 'node:fs/promises';
import { CasctlError, errnoCode, fileError, networkError } from '../errors.js';

export interface HttpClientOptions {
  /** PEM bundle of extra trusted CAs (added to, not replacing, the system store) */
  caFile?: string;
  insecure?: boolean;
  /** per request: connect, headers and body each (default 10 s) */
  timeoutMs?: number;
  /** receives one line per request/response, already redacted */
  log?: (line: string) => void;
  /** applied to every logged line (secrets, TGTs) */
  redact?: (text: string) => string;
  userAgent?: string;
}

export interface HttpRequest {
  method?: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** overrides the client's timeout for this request */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  url: string;
  /** wall time of this request, milliseconds */
  ms: number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function headerValues(response: HttpResponse, name: string): string[] {
  const value = response.headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Maps whatever undici or the OS threw into an exit-4 error that names the host and what to do. */
export function networkFailure(error: unknown, url: URL, timeoutMs: number): CasctlError {
  if (error instanceof CasctlError) return error;
  const causeChain: unknown[] = [];
  for (let e: unknown = error; e && causeChain.length < 5; e = (e as { cause?: unknown }).cause) causeChain.push(e);
  const codes = causeChain.map((e) => errnoCode(e)).filter(Boolean) as string[];
  const host = url.host;
  const has = (...names: string[]) => codes.some((c) => names.includes(c));
  if (has('UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR')) {
    return networkError('E_TIMEOUT', `${host} did not answer within ${timeoutMs / 1000} s (${url.origin}${url.pathname})`, {
      cause: error,
      hint: 'check that the server is up and reachable, or raise --timeout',
    });
  }
  if (has('ECONNREFUSED')) {
    return networkError('E_CONNECTION_REFUSED', `connection refused by ${host}`, {
      cause: error,
      hint: 'is the server running and listening on that port?',
    });
  }
  if (has('ENOTFOUND', 'EAI_AGAIN')) {
    return networkError('E_DNS', `cannot resolve host ${url.hostname}`, { cause: error, hint: 'check the URL and DNS' });
  }
  const tls = codes.find((c) => TLS_CODES.has(c) || c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL'));
  if (tls) {
    return networkError('E_TLS', `TLS verification of ${host} failed (${tls})`, {
      cause: error,
      hint: 'pass --ca-file with the CA that issued the server certificate (never --insecure in production)',
    });
  }
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED')) {
    return networkError('E_CONNECTION_RESET', `connection to ${host} was closed unexpectedly`, { cause: error });
  }
  const last = causeChain[causeChain.length - 1] as Error | undefined;
  return networkError('E_NETWORK', `request to ${host} failed: ${last?.message ?? String(error)}`, { cause: error });
}

export async function createHttpClient(options: HttpClientOptions = {}): Promise<HttpClient> {
  let ca: string | undefined;
  if (options.caFile) {
    try {
      ca = await readFile(options.caFile, 'utf8');
    } catch (error) {
      throw fileError(error, options.caFile, 'CA file');
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new CasctlError('input', 'E_CA_FILE_INVALID', `CA file ${options.caFile} holds no PEM certificate`);
    }
  }
  const { Agent, request } = await import('undici');
  const { rootCertificates } = await import('node:tls');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = new Agent({
    connect: {
      // Extra CAs are added to Node's store: a private CA must not stop public ones from verifying.
      ca: ca ? [...rootCertificates, ca] : undefined,
      rejectUnauthorized: !options.insecure,
      timeout: timeoutMs,
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const redact = options.redact ?? ((text: string) => text);
  const log = options.log;

  return {
    async request(req) {
      const url = new URL(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'casctl', ...req.headers };
      const perRequest = req.timeoutMs ?? timeoutMs;
      log?.(redact(`> ${method} ${url.href}`));
      if (log) {
        for (const [name, value] of Object.entries((await import('./redact.js')).redactHeaders(headers))) {
          log(redact(`> ${name}: ${value}`));
        }
        if (req.body !== undefined && typeof req.body === 'string' && req.body.length > 0) log(redact(`> ${req.body}`));
      }
      const started = performance.now();
      try {
        const response = await request(url, {
          method: method as 'GET',
          headers,
          body: req.body,
          dispatcher: agent,
          headersTimeout: perRequest,
          bodyTimeout: perRequest,
          signal: AbortSignal.timeout(perRequest + 1_000),
        });
        const body = await response.body.text();
        const result: HttpResponse = {
          status: response.statusCode,
          headers: response.headers as HttpResponse['headers'],
          body,
          url: url.href,
          ms: performance.now() - started,
        };
        if (log) {
          log(redact(`< ${result.status} (${Math.round(result.ms)} ms)`));
          const { redactHeaders } = await import('./redact.js');
          for (const [name, value] of Object.entries(redactHeaders(result.headers))) log(redact(`< ${name}: ${value}`));
          if (body.length > 0) log(redact(`< ${body.length > 2000 ? `${body.slice(0, 2000)}… (${body.length} bytes)` : body}`));
        }
        return result;
      } catch (error) {
        if ((error as Error)?.name === 'TimeoutError') {
          throw networkFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), url, perRequest);
        }
        throw networkFailure(error, url, perRequest);
      }
    },
    async close() {
      await agent.close().catch(() => {});
    },
  };
}
