/**
 * An HTTPS front before Debian's pebble 2.4, which has neither ARI (RFC 9773) nor profiles: it passes every
 * request through with the client's Host header (pebble builds its URLs and checks each JWS `url` from
 * Host, so every later request comes back here), and
 * - adds a top-level `renewalInfo` and `meta.profiles` to the directory, as each test configures;
 * - answers `GET <renewalInfo>/<CertID>` itself (window, Retry-After, explanationURL, 5xx, a hang, garbage);
 * - records every newOrder payload (the JWS `payload` member, base64url JSON) and can refuse the first
 *   one that carries `replaces` with 409 `alreadyReplaced`, or an unlisted `profile` with `invalidProfile`,
 *   as a CA implementing RFC 9773 §5 and draft-ietf-acme-profiles does.
 * It listens on a free port of 127.0.0.1 with pebble's own throw-away TLS certificate (--ca-file is the same).
 */
import { createServer, request, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Pebble } from './pebble.js';

export const RENEWAL_PATH = '/draft-ietf-acme-ari/renewalInfo';

export interface AriReply {
  status?: number;
  /** JSON body (default: none) */
  json?: unknown;
  /** raw body, e.g. garbage */
  body?: string;
  retryAfter?: string;
  /** never answer (a timeout for the client) */
  hang?: boolean;
}

export interface FrontConfig {
  /** add renewalInfo to the directory (default true) */
  renewalInfo: boolean;
  /** meta.profiles (name → description); undefined = none */
  profiles?: Record<string, string>;
  /** how to answer an ARI GET for a CertID (default 404) */
  ari: (certId: string) => AriReply;
  /** refuse the next newOrder carrying `replaces` with 409 alreadyReplaced */
  alreadyReplacedOnce: boolean;
  /** profiles newOrder accepts (default: those in the directory), e.g. fewer to act as a CA withdrawing one */
  acceptProfiles?: string[];
}

export interface FrontRequest {
  method: string;
  path: string;
}

export interface AcmeFront {
  /** the directory URL through the front */
  directory: string;
  port: number;
  config: FrontConfig;
  /** every request seen, in order */
  requests: FrontRequest[];
  /** CertIDs asked through ARI GETs, in order */
  ariGets: string[];
  /** decoded newOrder payloads, in order (refused ones included) */
  newOrders: Record<string, unknown>[];
  /** forget recorded requests and restore the default config */
  reset(): void;
  stop(): Promise<void>;
}

const defaults = (): FrontConfig => ({
  renewalInfo: true,
  profiles: undefined,
  ari: () => ({ status: 404, json: { type: 'urn:ietf:params:acme:error:malformed', detail: 'no such certificate', status: 404 } }),
  alreadyReplacedOnce: false,
});

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function problem(res: ServerResponse, status: number, type: string, detail: string) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ type: `urn:ietf:params:acme:error:${type}`, detail, status }));
}

export async function startAcmeFront(pebble: Pebble): Promise<AcmeFront> {
  const [cert, key, ca] = await Promise.all([
    readFile(pebble.tlsCertFile, 'utf8'),
    readFile(pebble.tlsKeyFile, 'utf8'),
    readFile(pebble.tlsCaFile, 'utf8'),
  ]);
  const upstream = new URL(pebble.directory);
  const front = {
    config: defaults(),
    requests: [] as FrontRequest[],
    ariGets: [] as string[],
    newOrders: [] as Record<string, unknown>[],
  };
  let newOrderPath = '/order-plz';
  const hanging = new Set<ServerResponse>();

  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer, rewrite?: (json: any) => unknown) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'content-length': String(body.length) },
        ca,
        servername: 'localhost',
      },
      async (up) => {
        const data = await readBody(up);
        const headers = { ...up.headers };
        let payload = data;
        if (rewrite && up.statusCode === 200) {
          payload = Buffer.from(JSON.stringify(rewrite(JSON.parse(data.toString('utf8')))));
          headers['content-length'] = String(payload.length);
        }
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(payload);
      },
    );
    out.on('error', (error) => {
      if (!res.headersSent) problem(res, 502, 'serverInternal', `front: upstream ${error.message}`);
    });
    out.end(body);
  };

  const server: Server = createServer({ cert, key }, async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    front.requests.push({ method: req.method ?? 'GET', path });
    const host = req.headers.host ?? `127.0.0.1:${(server.address() as { port: number }).port}`;

    if (path === upstream.pathname && req.method === 'GET') {
      return pass(req, res, body, (dir: any) => {
        if (typeof dir.newOrder === 'string') newOrderPath = new URL(dir.newOrder).pathname;
        if (front.config.renewalInfo) dir.renewalInfo = `https://${host}${RENEWAL_PATH}`;
        if (front.config.profiles) dir.meta = { ...(dir.meta ?? {}), profiles: front.config.profiles };
        return dir;
      });
    }
    if (path.startsWith(`${RENEWAL_PATH}/`) && req.method === 'GET') {
      const certId = path.slice(RENEWAL_PATH.length + 1);
      front.ariGets.push(certId);
      const reply = front.config.ari(certId);
      if (reply.hang) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['Retry-After'] = reply.retryAfter;
      let text = reply.body ?? '';
      if (reply.json !== undefined) {
        text = JSON.stringify(reply.json);
        headers['Content-Type'] = (reply.status ?? 200) >= 400 ? 'application/problem+json' : 'application/json';
      }
      res.writeHead(reply.status ?? 200, headers);
      res.end(text);
      return;
    }
    if (path === newOrderPath && req.method === 'POST') {
      let payload: Record<string, unknown> = {};
      try {
        const jws = JSON.parse(body.toString('utf8'));
        payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8'));
      } catch {
        /* recorded as {} */
      }
      front.newOrders.push(payload);
      if (front.config.alreadyReplacedOnce && typeof payload.replaces === 'string') {
        front.config.alreadyReplacedOnce = false;
        return problem(res, 409, 'alreadyReplaced', `certificate ${payload.replaces} has already been replaced`);
      }
      const accepted = front.config.acceptProfiles ?? Object.keys(front.config.profiles ?? {});
      if (typeof payload.profile === 'string' && !accepted.includes(payload.profile)) {
        return problem(res, 400, 'invalidProfile', `profile ${JSON.stringify(payload.profile)} is not offered`);
      }
    }
    pass(req, res, body);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    directory: `https://127.0.0.1:${port}${upstream.pathname}`,
    port,
    get config() {
      return front.config;
    },
    set config(value: FrontConfig) {
      front.config = value;
    },
    requests: front.requests,
    ariGets: front.ariGets,
    newOrders: front.newOrders,
    reset() {
      front.config = defaults();
      front.requests.length = 0;
      front.ariGets.length = 0;
      front.newOrders.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
