/**
 * A stand-in for Apereo CAS's REST protocol (cas-server-support-rest, -rest-tokens), because no
 * installable server implements it. It answers exactly as /work/shared/reference/cas-behaviour.md §1
 * describes CAS 7/8 (TicketGrantingTicketResource, ServiceTicketResource, TicketStatusResource):
 *   POST /v1/tickets        201 + Location + one-line HTML (literal backslashes) or the bare id by Accept;
 *                           400 no credentials; 401 typed-Jackson JSON; 415 other content types;
 *                           token=true (param or header) → 201 text/plain JWT, no Location
 *   GET  /v1/tickets        405, empty body
 *   POST /v1/tickets/{TGT}  200 ST id (or a JWT for jwtAsServiceTicket services); 404 unknown TGT;
 *                           500 "Target service/application is unspecified or unrecognized in the request"
 *   GET  /v1/tickets/{id}   200 id | 404 "Ticket could not be found"
 *   DELETE /v1/tickets/{TGT} 200 application/json array of single-logout contexts
 * plus /validate, /serviceValidate, /p3/serviceValidate (XML, or JSON with format=JSON) so that a
 * REST login can be checked end to end. Listens on 127.0.0.1, port chosen by the OS.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface CasRestServerOptions {
  /** username → password */
  users?: Record<string, string>;
  /** attributes released at validation */
  attributes?: Record<string, string[]>;
  /** services CAS knows (exact URL or prefix ending in `*`) */
  services?: string[];
  /** services registered with jwtAsServiceTicket=true */
  jwtServices?: string[];
  /** cas-server-support-rest-tokens present (token=true honoured) */
  tokens?: boolean;
  /** context path (default /cas) */
  prefix?: string;
  /** answer every request after this many milliseconds (timeouts) */
  delayMs?: number;
  /** serve HTTPS with this certificate chain and key (PEM), as CAS behind its own TLS connector */
  tls?: { cert: string; key: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CasRestServer {
  /** the CAS prefix, e.g. http://127.0.0.1:PORT/cas (https:// with `tls`) */
  url: string;
  port: number;
  requests: RecordedRequest[];
  tgts: Map<string, { username: string; created: number }>;
  /** TCP connections accepted, and (with `tls`) how many of their handshakes resumed a TLS session */
  connections: { accepted: number; resumed: number };
  /** replace the next answer to a path (for statuses the logic cannot produce, e.g. 500 with a message, 503) */
  failNext(method: string, pathSuffix: string, status: number, body: string, headers?: Record<string, string>): void;
  stop(): Promise<void>;
}

const FAILURE_ACCEPT = 'text/html';
const HOST_SUFFIX = 'cas01.example.org';

/** Ticket ids look like CAS's: prefix, counter, random with `-` and `_`, host suffix. */
function ticketId(prefix: string, counter: number): string {
  const random = randomBytes(24).toString('base64url');
  return `${prefix}-${counter}-${random.slice(0, 12)}-${random.slice(12)}_x-${HOST_SUFFIX}`;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Crypto disabled → an unsecured JWT (`alg: none`, JwtBuilder#buildPlain). */
const plainJwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;

/** HtmlUtils.htmlEscape, as CAS escapes error texts. */
const htmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const xmlEscape = htmlEscape;

/** Jackson pretty printer with default typing: `{\n  "@class" : "java.util.HashMap", ... }`. */
function typedAuthenticationFailure(messages: string[]): string {
  const items = messages.map((m) => JSON.stringify(m)).join(', ');
  return `{\n  "@class" : "java.util.HashMap",\n  "authentication_exceptions" : [ "java.util.ArrayList", [ ${items} ] ]\n}`;
}

/** Spring Boot's error body for 415/405 from the framework itself. */
const springError = (status: number, error: string, path: string) =>
  JSON.stringify({ timestamp: new Date().toISOString(), status, error, path });

/** Content negotiation for a String body: CAS picks from Accept, text/plain for text/plain or a wildcard. */
function negotiated(accept: string | undefined): string {
  const a = (accept ?? '').trim();
  if (a.startsWith('application/json')) return 'application/json';
  return 'text/plain;charset=UTF-8';
}

const CONSUMES = ['application/x-www-form-urlencoded', 'application/json', 'text/html', 'text/plain'];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCasRestServer(options: CasRestServerOptions = {}): Promise<CasRestServer> {
  const prefix = options.prefix ?? '/cas';
  const users = options.users ?? { casuser: 'Mellon' };
  const services = options.services ?? ['https://app.example.org/*'];
  const jwtServices = options.jwtServices ?? [];
  const attributes = options.attributes ?? { email: ['casuser@example.org'], memberOf: ['staff', 'ops'] };
  const requests: RecordedRequest[] = [];
  const tgts = new Map<string, { username: string; created: number }>();
  const sts = new Map<string, { tgt: string; service: string; username: string }>();
  const overrides: { method: string; suffix: string; status: number; body: string; headers: Record<string, string> }[] = [];
  let counter = 0;
  let origin = '';

  const matches = (pattern: string, service: string) => (pattern.endsWith('*') ? service.startsWith(pattern.slice(0, -1)) : service === pattern);
  const known = (service: string) => [...services, ...jwtServices].some((p) => matches(p, service));

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(body === '' ? {} : { 'content-type': 'text/plain;charset=UTF-8' }), ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const formOf = (req: IncomingMessage, body: string, url: URL): URLSearchParams => {
    // Spring merges query parameters and form fields into one MultiValueMap
    const params = new URLSearchParams(url.search);
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
    }
    return params;
  };

  /** UsernamePasswordRestHttpRequestCredentialFactory + the authentication manager. */
  const authenticate = (params: URLSearchParams): { status: 400 | 401; body: string; headers?: Record<string, string> } | { username: string } => {
    const username = params.get('username') ?? '';
    const password = params.get('password') ?? '';
    if (username.trim() === '' || password.trim() === '') {
      return { status: 400, body: htmlEscape('No credentials are provided or extracted to authenticate the REST request') };
    }
    if (!(username in users)) {
      return { status: 401, body: typedAuthenticationFailure([htmlEscape(`${username} not found in backing map.`) + ':authenticationFailure.AccountNotFoundException']) };
    }
    if (users[username] !== password) {
      return { status: 401, body: typedAuthenticationFailure([htmlEscape('Password does not match value on record.') + ':authenticationFailure.FailedLoginException']) };
    }
    return { username };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname + url.search, headers: req.headers, body });
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const override = overrides.findIndex((o) => o.method === method && url.pathname.endsWith(o.suffix));
    if (override !== -1) {
      const [o] = overrides.splice(override, 1);
      return send(res, o!.status, o!.body, o!.headers);
    }
    if (!url.pathname.startsWith(`${prefix}/`)) return send(res, 404, '');
    const path = url.pathname.slice(prefix.length);
    const accept = req.headers.accept;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();

    if (path === '/v1/tickets') {
      if (method === 'GET') return send(res, 405, '');
      if (method !== 'POST') return send(res, 405, springError(405, 'Method Not Allowed', url.pathname), { 'content-type': 'application/json' });
      if (contentType && !CONSUMES.includes(contentType)) {
        return send(res, 415, springError(415, 'Unsupported Media Type', url.pathname), { 'content-type': 'application/json' });
      }
      const params = formOf(req, body, url);
      const auth = authenticate(params);
      if ('status' in auth) {
        // A 401's content type is negotiated: text/plain when the client asked for it, though the body is JSON.
        return send(res, auth.status, auth.body, { 'content-type': auth.status === 401 ? negotiated(accept) : 'text/plain;charset=UTF-8' });
      }
      const tgt = ticketId('TGT', ++counter);
      tgts.set(tgt, { username: auth.username, created: Date.now() });
      const tokenRequested = params.get('token') === 'true' || req.headers.token === 'true';
      if (tokenRequested && options.tokens) {
        const claims: Record<string, unknown> = { sub: auth.username, jti: tgt, iss: `${origin}${prefix}`, aud: `${origin}${prefix}`, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 28_800 };
        for (const [k, v] of params) if (!['username', 'password', 'token'].includes(k)) claims[k] = v;
        return send(res, 201, plainJwt(claims), { 'content-type': 'text/plain' });
      }
      const location = `${origin}${url.pathname}/${tgt}`;
      const a = (accept ?? '').trim();
      if (a === '' || a.startsWith('*/*') || a.startsWith(FAILURE_ACCEPT)) {
        const html =
          '<!DOCTYPE HTML PUBLIC \\"-//IETF//DTD HTML 2.0//EN\\"><html><head><title>201 CREATED</title></head><body><h1>TGT Created</h1>' +
          `<form action="${location}" method="POST">Service:<input type="text" name="service" value=""><br><input type="submit" value="Submit"></form></body></html>`;
        return send(res, 201, html, { location, 'content-type': 'text/html' });
      }
      return send(res, 201, tgt, { location, 'content-type': negotiated(accept) });
    }

    const ticketPath = /^\/v1\/tickets\/([^/]+)$/.exec(path);
    if (ticketPath) {
      const id = decodeURIComponent(ticketPath[1]!);
      if (method === 'GET') {
        return tgts.has(id) || sts.has(id) ? send(res, 200, id, { 'content-type': negotiated(accept) }) : send(res, 404, 'Ticket could not be found');
      }
      if (method === 'DELETE') {
        const tgt = tgts.get(id);
        tgts.delete(id);
        // one single-logout context per service that got a ticket from this TGT
        const contexts = [...sts.entries()]
          .filter(([, st]) => st.tgt === id)
          .map(([ticket, st]) => ({ ticketId: ticket, service: { id: st.service }, logoutUrl: st.service, status: 'NOT_ATTEMPTED' }));
        for (const [ticket, st] of sts) if (st.tgt === id) sts.delete(ticket);
        void tgt;
        return send(res, 200, JSON.stringify(contexts), { 'content-type': 'application/json' });
      }
      if (method !== 'POST') return send(res, 405, '');
      if (contentType && !CONSUMES.includes(contentType)) {
        return send(res, 415, springError(415, 'Unsupported Media Type', url.pathname), { 'content-type': 'application/json' });
      }
      const tgt = tgts.get(id);
      if (!tgt) return send(res, 404, htmlEscape(`${id} could not be found or is considered invalid`));
      const params = formOf(req, body, url);
      const service = params.get('service');
      let username = tgt.username;
      if (params.get('renew') === 'true') {
        const auth = authenticate(params);
        if ('status' in auth) return send(res, auth.status, auth.body, { 'content-type': auth.status === 401 ? negotiated(accept) : 'text/plain;charset=UTF-8' });
        username = auth.username;
      }
      if (!service || !known(service)) return send(res, 500, htmlEscape('Target service/application is unspecified or unrecognized in the request'));
      const st = ticketId('ST', ++counter);
      sts.set(st, { tgt: id, service, username });
      if (jwtServices.some((p) => matches(p, service))) {
        const now = Math.floor(Date.now() / 1000);
        return send(res, 200, plainJwt({ sub: username, jti: st, aud: service, iss: `${origin}${prefix}`, iat: now, exp: now + 10, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.length === 1 ? v[0] : v])) }));
      }
      return send(res, 200, st);
    }

    if (method === 'GET' && (path === '/validate' || path === '/serviceValidate' || path === '/p3/serviceValidate')) {
      const service = url.searchParams.get('service') ?? '';
      const ticket = url.searchParams.get('ticket') ?? '';
      const st = sts.get(ticket);
      sts.delete(ticket); // service tickets are single-use
      const ok = st !== undefined && st.service === service;
      const json = (url.searchParams.get('format') ?? '').toUpperCase() === 'JSON';
      if (path === '/validate') return send(res, 200, ok ? `yes\n${st!.username}\n` : 'no\n\n', { 'content-type': 'text/plain;charset=UTF-8' });
      const code = !service || !ticket ? 'INVALID_REQUEST' : st === undefined ? 'INVALID_TICKET' : 'INVALID_SERVICE';
      const description =
        code === 'INVALID_REQUEST' ? "'service' and 'ticket' parameters are both required" : code === 'INVALID_TICKET' ? `Ticket '${ticket}' not recognized` : `Ticket '${ticket}' does not match supplied service. The original service was '${st!.service}' and the supplied service was '${service}'.`;
      const released = path === '/p3/serviceValidate' ? attributes : {};
      if (json) {
        const doc = ok
          ? { serviceResponse: { authenticationSuccess: { user: st!.username, attributes: released } } }
          : { serviceResponse: { authenticationFailure: { code, description } } };
        return send(res, 200, JSON.stringify(doc, null, 2), { 'content-type': 'application/json;charset=UTF-8' });
      }
      const xml = ok
        ? `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>\n    <cas:authenticationSuccess>\n        <cas:user>${xmlEscape(st!.username)}</cas:user>\n${
            Object.keys(released).length > 0
              ? `        <cas:attributes>\n${Object.entries(released)
                  .flatMap(([k, vs]) => vs.map((v) => `            <cas:${k}>${xmlEscape(v)}</cas:${k}>\n`))
                  .join('')}        </cas:attributes>\n`
              : ''
          }    </cas:authenticationSuccess>\n</cas:serviceResponse>\n`
        : `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>\n    <cas:authenticationFailure code="${code}">\n        ${xmlEscape(description)}\n    </cas:authenticationFailure>\n</cas:serviceResponse>\n`;
      return send(res, 200, xml, { 'content-type': 'application/xml;charset=UTF-8' });
    }
    return send(res, 404, '');
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: Error) => send(res, 500, htmlEscape(error.message)));
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  const connections = { accepted: 0, resumed: 0 };
  server.on('connection', () => connections.accepted++);
  server.on('secureConnection', (socket: import('node:tls').TLSSocket) => {
    if (socket.isSessionReused()) connections.resumed++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    port,
    requests,
    tgts,
    connections,
    failNext(method, suffix, status, body, headers = {}) {
      overrides.push({ method, suffix, status, body, headers });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
