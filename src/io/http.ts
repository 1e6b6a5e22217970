/**
 * The HTTP client every network command uses: TLS verified by default (`--ca-file` adds a private CA,
 * `--insecure` is explicit and warned about), a timeout on every request (Node's own client would wait
 * minutes for headers), one kept-alive connection per origin (optionally opened ahead: preconnect),
 * and failures turned into exit-4 errors that name the host. --verbose lines pass through the caller's
 * redactor.
 *
 * Built on node:http/node:https rather than the undici package or the global fetch: measured on Node 20
 * (bench/ticket.sh, figures in README's ticket section) a 4-request script costs 2.5x more with fetch and
 * 3x more with undici than with node:http, because both undici flavours compile a large module graph on
 * first use. A CLI that runs once per cron tick or monitoring probe pays that every time.
 */
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
// node:net: only network commands load this module, and every connection needs it.
import { connect, isIP, type Socket } from 'node:net';
import { CasctlError, errnoCode, networkError } from '../errors.js';
import { originKey, takeAhead } from './connect-ahead.js';
import { readTextFile } from './files.js';

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
  /** header names and values as received, alternating (repeated headers stay separate lines) */
  rawHeaders?: string[];
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Opens the TCP connection to `url`'s origin now, so that its round trip overlaps local work (loading
   * code, building the TLS context), and for https: starts the TLS handshake on it as soon as the agent
   * exists, exactly as the agent would for the first request (same options, same verification), so that
   * the handshake's round trip overlaps the caller's work too. The first request to that origin takes it
   * over. Failures are left to that request: a connection that failed or closed meanwhile is replaced.
   * Resolves, once the connection attempt has left (Node issues it on a later tick: await it before more
   * synchronous work, or the work delays the SYN), to the performance.now() when that connection was
   * started: now, or earlier when main() opened it at start-up (src/io/connect-ahead.ts).
   */
  preconnect?(url: string | URL): Promise<number>;
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

/** Maps whatever Node, undici or the OS threw into an exit-4 error that names the host and what to do. */
export function networkFailure(error: unknown, url: URL, timeoutMs: number): CasctlError {
  if (error instanceof CasctlError) return error;
  const causeChain: unknown[] = [];
  for (let e: unknown = error; e && causeChain.length < 5; e = (e as { cause?: unknown }).cause) causeChain.push(e);
  // Happy-eyeballs connects (Node 20) fail with an AggregateError holding one error per address.
  for (const e of [...causeChain]) {
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) causeChain.push(...inner);
  }
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
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'HPE_INVALID_CONSTANT', 'ERR_HTTP_PARSER')) {
    return networkError('E_CONNECTION_RESET', `connection to ${host} was closed unexpectedly`, { cause: error });
  }
  const last = causeChain[causeChain.length - 1] as Error | undefined;
  return networkError('E_NETWORK', `request to ${host} failed: ${last?.message ?? String(error)}`, { cause: error });
}

/**
 * Repeated headers stay separate values (as undici gave them): Node joins them with ", " in
 * `res.headers`, which would merge e.g. several X-CAS-Warning headers into one.
 */
function headersOf(res: IncomingMessage): HttpResponse['headers'] {
  const out: HttpResponse['headers'] = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (values === undefined) continue;
    out[name] = values.length === 1 && name !== 'set-cookie' ? values[0] : values;
  }
  return out;
}

type Tls = typeof import('node:tls');
interface NativeContext {
  addCACert?: (pem: string) => void;
  addRootCerts?: () => void;
}

/** A secure context for every connection of a run, and the step that fills its trust store. */
export interface Trust {
  secureContext: import('node:tls').SecureContext;
  /**
   * Fills the store: call it in the same synchronous turn as each tls.connect with secureContext (the
   * first call does the work). OpenSSL reads the store when the server's certificate arrives, which is
   * never before this turn ends, so every certificate is checked against the full store.
   */
  complete(): void;
}

/**
 * The trust a run verifies with: Node's root store (plus the --ca-file certificates), filled only once
 * the first ClientHello is on its way. Node parses its ~140 built-in roots on first use, about 20 ms
 * on the 2-core machine (unless NODE_EXTRA_CA_CERTS made it do so at start-up): before the first byte
 * was sent, that added 20 ms to every check; after it, the parse runs while the server answers.
 * The context starts from an empty store (Node's `ca: []`: no roots, nothing parsed), and complete()
 * installs exactly what the documented options would (the default store, or trustingAlso's), so the
 * same certificates pass and fail with the same errors. Should Node's internal handles ever go, the
 * documented options are used, filled at once.
 */
export function deferredTrust(tls: Tls, ca: string | undefined): Trust {
  const secureContext = tls.createSecureContext({ ca: [] });
  const native = (secureContext as { context?: NativeContext }).context;
  if (typeof native?.addRootCerts !== 'function' || typeof native.addCACert !== 'function') {
    return { secureContext: ca ? trustingAlso(tls, ca) : tls.createSecureContext(), complete: () => {} };
  }
  let filled = false;
  return {
    secureContext,
    complete() {
      if (filled) return;
      filled = true;
      native.addRootCerts!();
      if (ca) native.addCACert!(ca);
    },
  };
}

/**
 * Node's store plus the --ca-file certificates: a private CA must not stop public ones from verifying.
 * Node's `ca` option replaces the store, so passing `[...tls.rootCertificates, ca]` was the documented
 * way; it serialises the ~140 built-in roots to PEM and parses them back before the first byte is sent
 * (30-55 ms measured on the 2-core machine). A default context starts from the root store Node has already
 * parsed, and adding a CA to it copies that store first (what Node itself does for each `ca` entry), so
 * this is the same trust set, built in about 2 ms: the built-in roots and the file, and, as with the
 * `ca` option, not NODE_EXTRA_CA_CERTS. `context.addCACert` is Node's internal handle (stable since
 * Node 0.x); should it ever go, the documented way is used. deferredTrust() builds the same store later.
 */
export function trustingAlso(tls: Tls, ca: string) {
  const secureContext = tls.createSecureContext();
  const native = (secureContext as { context?: NativeContext }).context;
  if (typeof native?.addCACert !== 'function') return tls.createSecureContext({ ca: [...tls.rootCertificates, ca] });
  native.addCACert(ca);
  return secureContext;
}

const timeoutError = () => Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });

export async function createHttpClient(options: HttpClientOptions = {}): Promise<HttpClient> {
  let ca: string | undefined;
  if (options.caFile) {
    ca = await readTextFile(options.caFile, 'CA file');
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new CasctlError('input', 'E_CA_FILE_INVALID', `CA file ${options.caFile} holds no PEM certificate`);
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const redact = options.redact ?? ((text: string) => text);
  const log = options.log;

  // One keep-alive agent per scheme, created on first use: a plain-HTTP run never loads TLS.
  let httpAgent: HttpAgent | undefined;
  let httpsAgent: HttpsAgent | undefined;
  let trust: Trust | undefined;
  // Connections opened by preconnect, by host:port, until an agent takes one over: the TCP socket and,
  // for https, the TLS socket started on it ahead of the first request (with the agent key it was made for).
  interface Early {
    socket: Socket;
    failed: boolean;
    tls?: { socket: Socket; agentKey: string };
  }
  const early = new Map<string, Early>();
  type Create = (options: Record<string, unknown>, callback?: (error: Error | null, socket: Socket) => void) => Socket | undefined;
  // The agents' own createConnection (node:https: tls.connect plus its session cache, then the trust store filled), before adoptEarly wraps it.
  const createOf = new Map<HttpAgent | HttpsAgent, Create>();
  const adoptEarly = <A extends HttpAgent | HttpsAgent>(agent: A, tls: boolean): A => {
    const agentWithCreate = agent as unknown as { createConnection: Create };
    const own = agentWithCreate.createConnection.bind(agent);
    // A TLS agent's connections, early or not: its tls.connect, then (same turn) the trust store filled.
    const create: Create = tls
      ? (options, callback) => {
          const socket = own(options, callback);
          trust?.complete();
          return socket;
        }
      : own;
    createOf.set(agent, create);
    agentWithCreate.createConnection = (options, callback) => {
      const key = `${String(options.host)}:${String(options.port)}`;
      const taken = early.get(key);
      early.delete(key);
      if (!taken || taken.failed || taken.socket.destroyed || (taken.tls && (taken.tls.socket.destroyed || taken.tls.agentKey !== options._agentKey))) {
        taken?.tls?.socket.destroy();
        taken?.socket.destroy();
        return create(options, callback);
      }
      // Started ahead with the options this request's agent key stands for (host, port, servername,
      // verification): the same socket the agent would have made, only further along.
      if (taken.tls) return taken.tls.socket;
      // node:https runs TLS over a given socket (tls.connect's `socket`); node:http uses it as it is.
      return tls ? create({ ...options, socket: taken.socket }, callback) : taken.socket;
    };
    return agent;
  };
  /**
   * What node:https's agent does for a request to `host:port` (Agent.addRequest/createSocket): its own
   * options over the request's, the SNI name from the Host header (none for an IP address), the agent
   * key, then its createConnection (tls.connect, with the agent's session cache) on our socket.
   */
  const startTlsEarly = (agent: HttpsAgent, entry: Early, key: string, host: string, port: number, isIp: boolean) => {
    if (early.get(key) !== entry || entry.failed || entry.socket.destroyed || entry.tls) return;
    const agentOptions = (agent as unknown as { options: Record<string, unknown> }).options;
    const options: Record<string, unknown> = { host, port, ...agentOptions, servername: isIp ? '' : host };
    options._agentKey = (agent as unknown as { getName(o: Record<string, unknown>): string }).getName(options);
    options.encoding = null;
    const socket = createOf.get(agent)!({ ...options, socket: entry.socket });
    if (!socket) return;
    // Until a request takes it over, an error (an untrusted certificate, too) only marks it: that
    // request then connects afresh and reports its own error, in the same words as without preconnect.
    socket.on('error', () => (entry.failed = true));
    entry.tls = { socket, agentKey: String(options._agentKey) };
  };

  const transport = async (url: URL) => {
    if (url.protocol === 'http:') {
      const http = await import('node:http');
      httpAgent ??= adoptEarly(new http.Agent({ keepAlive: true, maxSockets: 4 }), false);
      return { request: http.request, agent: httpAgent as HttpAgent | HttpsAgent };
    }
    if (url.protocol === 'https:') {
      const https = await import('node:https');
      if (!httpsAgent) {
        // One context for every connection of this run (Node would build one per connection).
        trust = deferredTrust(await import('node:tls'), ca);
        httpsAgent = adoptEarly(new https.Agent({ keepAlive: true, maxSockets: 4, secureContext: trust.secureContext, rejectUnauthorized: !options.insecure }), true);
      }
      return { request: https.request, agent: httpsAgent as HttpAgent | HttpsAgent };
    }
    throw networkError('E_NETWORK', `cannot reach ${url.href}: only http:// and https:// URLs are supported`);
  };

  const send = async (url: URL, method: string, headers: Record<string, string>, body: Uint8Array | undefined, perRequest: number) => {
    const { request, agent } = await transport(url);
    return new Promise<{ status: number; headers: HttpResponse['headers']; rawHeaders: string[]; body: string }>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      // The clock restarts at each stage (connect, headers, every body chunk): a slow but moving
      // download is not cut off, a silent server is.
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const error = timeoutError();
          req.destroy(error);
          fail(error);
        }, perRequest);
      };
      const req = request(url, { method, headers, agent }, (res: IncomingMessage) => {
        arm();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          arm();
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(res),
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.on('socket', (socket) => {
        if (socket.connecting) socket.once('connect', arm);
      });
      req.on('error', fail);
      arm();
      req.end(body);
    });
  };

  return {
    async request(req) {
      const url = new URL(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'casctl', ...req.headers };
      const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
      // An explicit length: chunked request bodies are refused by some servers (Django's runserver).
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
        headers['content-length'] = String(body.byteLength);
      }
      const perRequest = req.timeoutMs ?? timeoutMs;
      if (log) {
        const { redactHeaders } = await import('./redact.js');
        log(redact(`> ${method} ${url.href}`));
        for (const [name, value] of Object.entries(redactHeaders(headers))) log(redact(`> ${name}: ${value}`));
        if (typeof req.body === 'string' && req.body.length > 0) log(redact(`> ${req.body}`));
      }
      const started = performance.now();
      try {
        const response = await send(url, method, headers, body, perRequest);
        const result: HttpResponse = { ...response, url: url.href, ms: performance.now() - started };
        if (log) {
          const { redactHeaders } = await import('./redact.js');
          log(redact(`< ${result.status} (${Math.round(result.ms)} ms)`));
          for (const [name, value] of Object.entries(redactHeaders(result.headers))) log(redact(`< ${name}: ${value}`));
          const text = result.body;
          if (text.length > 0) log(redact(`< ${text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} bytes)` : text}`));
        }
        return result;
      } catch (error) {
        throw networkFailure(error, url, perRequest);
      }
    },
    preconnect(target) {
      const url = new URL(target);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(performance.now());
      const { host, port, key } = originKey(url);
      const now = performance.now();
      if (early.has(key)) return Promise.resolve(now);
      // The connection main() opened at start-up to this origin, if any (src/io/connect-ahead.ts).
      const ahead = takeAhead(key);
      const startedAt = ahead ? now - ahead.msAgo : now;
      const entry: Early = { socket: ahead?.socket ?? connect({ host, port, noDelay: true }), failed: false };
      // Until a request takes it over, an error only marks it: that request connects afresh and
      // reports its own error (same words as without preconnect).
      entry.socket.on('error', () => (entry.failed = true));
      entry.socket.on('close', () => (entry.failed = true));
      early.set(key, entry);
      return new Promise<number>((resolve) => {
        // net.connect issues the connect (for an IP address) on the next tick, and a host name's lookup
        // answers on a later turn of the event loop: the caller's synchronous work would hold both back.
        setImmediate(() => {
          resolve(startedAt);
          if (url.protocol !== 'https:') return;
          transport(url).then(
            () => startTlsEarly(httpsAgent!, entry, key, host, port, isIP(host) !== 0),
            () => undefined, // the request reports it
          );
        });
      });
    },
    async close() {
      for (const { socket, tls } of early.values()) {
        tls?.socket.destroy();
        socket.destroy();
      }
      early.clear();
      httpAgent?.destroy();
      httpsAgent?.destroy();
    },
  };
}
