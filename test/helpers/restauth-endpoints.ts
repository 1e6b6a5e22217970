/**
 * Deliberately broken REST authentication endpoints for the rest-auth tests (no real peer misbehaves
 * on demand). Each path is one behaviour; every request is recorded byte for byte as received.
 * The good credentials are `casuser` + GOOD_PASSWORD (after whatever encoder the test uses:
 * the endpoint compares the received password with `expectPassword`).
 */
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TYPED_PRINCIPAL = JSON.stringify({
  '@class': 'org.apereo.cas.authentication.principal.SimplePrincipal',
  id: 'casuser',
  attributes: { '@class': 'java.util.LinkedHashMap', mail: ['java.util.ArrayList', ['casuser@example.org']] },
});

export interface RecordedRequest {
  method: string;
  path: string;
  /** header names lower-cased, as node parses them */
  headers: Record<string, string | string[] | undefined>;
  /** the raw header lines, names as sent */
  rawHeaders: string[];
  body: Buffer;
  /** user and password decoded from the Basic header (UTF-8) */
  username?: string;
  password?: string;
}

export interface BrokenEndpoints {
  url: string;
  requests: RecordedRequest[];
  /** the password (as received, i.e. after encoding) that counts as good */
  expectPassword: string;
  close(): Promise<void>;
}

function decodeBasic(value: string | undefined): { username?: string; password?: string } {
  const m = /^Basic (.+)$/.exec(value ?? '');
  if (!m) return {};
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? {} : { username: text.slice(0, i), password: text.slice(i + 1) };
}

export async function startBrokenEndpoints(expectPassword: string): Promise<BrokenEndpoints> {
  const requests: RecordedRequest[] = [];
  const state = { expectPassword };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const creds = decodeBasic(req.headers.authorization);
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks), ...creds });
      const good = creds.username === 'casuser' && creds.password === state.expectPassword;
      const known = creds.username === 'casuser';
      const send = (status: number, body: string, headers: Record<string, string | string[]> = { 'content-type': 'application/json' }) => {
        res.writeHead(status, headers);
        res.end(body);
      };
      switch (path) {
        case '/ok': // a correct endpoint
          return good ? send(200, TYPED_PRINCIPAL) : send(known ? 401 : 404, '{"error":"no"}');
        case '/wrong-200': // wrong password answered 200 with an error body
          return good ? send(200, TYPED_PRINCIPAL) : send(200, '{"error":"invalid password"}');
        case '/always-200': // logs anyone in
          return send(200, TYPED_PRINCIPAL);
        case '/wrong-500': // a server error for a wrong password
          return good ? send(200, TYPED_PRINCIPAL) : send(500, '{"error":"NullPointerException"}');
        case '/untyped': // plain JSON without Jackson type information
          return good ? send(200, '{"id":"casuser","attributes":{"mail":["casuser@example.org"]}}') : send(401, '');
        case '/text-type': // a correct principal with the wrong content type
          return good ? send(200, TYPED_PRINCIPAL, { 'content-type': 'text/plain' }) : send(401, '');
        case '/garbage': // 200 with bytes that are not JSON
          return send(200, '\u0000\u00ffGARBAGE<html>', { 'content-type': 'application/octet-stream' });
        case '/bad-expiry': // a date CAS cannot parse
          return good ? send(200, TYPED_PRINCIPAL, { 'content-type': 'application/json', 'x-cas-passwordexpirationdate': 'in two weeks' }) : send(401, '');
        case '/warn': // warnings and an ISO expiration date
          return good
            ? send(200, TYPED_PRINCIPAL, {
                'content-type': 'application/json',
                'x-cas-warning': ['password.expiring.soon', 'Second warning'],
                'x-cas-passwordexpirationdate': new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
              })
            : send(401, '');
        case '/echo': // a careless endpoint that repeats the password it received
          return send(401, JSON.stringify({ error: `wrong password ${creds.password ?? ''}`, authorization: req.headers.authorization ?? '' }));
        case '/slow': {
          // never answers before the client gives up (the test passes --timeout 1)
          const timer = setTimeout(() => send(200, TYPED_PRINCIPAL), 4_000);
          timers.add(timer);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        case '/slow-wrong': {
          // answers good credentials at once and the others too late
          if (good) return send(200, TYPED_PRINCIPAL);
          const timer = setTimeout(() => send(401, ''), 4_000);
          timers.add(timer);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        default:
          return send(418, '');
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get expectPassword() {
      return state.expectPassword;
    },
    set expectPassword(value: string) {
      state.expectPassword = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that answers any request with bytes that are not HTTP at all. */
export async function startGarbageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createTcpServer((socket) => {
    socket.once('data', () => socket.end('this is not HTTP\r\n\r\n\u0000\u0001'));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
