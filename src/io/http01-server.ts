/**
 * The temporary HTTP-01 responder (RFC 8555 §8.3): answers only
 * `GET /.well-known/acme-challenge/<token>` with the key authorization as text/plain, whatever the Host
 * header says (CAs put the port in it and validate from several vantage points at once), on IPv4 and IPv6
 * (a dual-stack `::` socket) unless one address is given. A port that is taken or not permitted becomes an
 * exit-3 error naming the port and the ways out.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errnoCode, inputError } from '../errors.js';

export interface Http01Responder {
  port: number;
  /** addresses actually listened on */
  addresses: string[];
  set(token: string, keyAuthorization: string): void;
  remove(token: string): void;
  /** tokens fetched so far (how often), for --verbose */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export interface Http01Options {
  port: number;
  /** listen on this address only; default: every IPv4 and IPv6 address */
  listen?: string;
  log?: (line: string) => void;
}

const PREFIX = '/.well-known/acme-challenge/';
// RFC 8555 §8.1: tokens are base64url.
const TOKEN = /^[A-Za-z0-9_-]+$/;

function listenOn(server: Server, port: number, host: string, ipv6Only = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, ipv6Only, exclusive: true });
  });
}

export function portError(error: unknown, port: number, address: string) {
  const code = errnoCode(error);
  const ways =
    `use --webroot DIR to let the web server that holds port ${port} serve the challenge, ` +
    `or --http-port N with a redirect from port 80 to it, or stop the other server for the run`;
  if (code === 'EADDRINUSE') {
    return inputError('E_ACME_PORT_IN_USE', `port ${port} is already in use on ${address}: cannot answer the HTTP-01 challenge`, {
      cause: error,
      hint: ways,
      details: { port, address },
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return inputError('E_ACME_PORT_DENIED', `not permitted to listen on port ${port} (ports below 1024 need privilege)`, {
      cause: error,
      hint: `run as root or with CAP_NET_BIND_SERVICE (setcap cap_net_bind_service=+ep $(readlink -f $(which node))), or ${ways}`,
      details: { port, address },
    });
  }
  if (code === 'EADDRNOTAVAIL') {
    return inputError('E_ACME_LISTEN_ADDRESS', `address ${address} is not on this machine (--listen)`, { cause: error });
  }
  return inputError('E_ACME_LISTEN', `cannot listen on ${address} port ${port}: ${(error as Error).message}`, { cause: error });
}

export async function startHttp01Responder(options: Http01Options): Promise<Http01Responder> {
  const answers = new Map<string, string>();
  const hits = new Map<string, number>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const token = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : '';
    const answer = TOKEN.test(token) ? answers.get(token) : undefined;
    options.log?.(`http-01: ${req.method} ${path} Host: ${req.headers.host ?? '-'} from ${req.socket.remoteAddress} → ${answer && req.method === 'GET' ? 200 : 404}`);
    if ((req.method === 'GET' || req.method === 'HEAD') && answer !== undefined) {
      hits.set(token, (hits.get(token) ?? 0) + 1);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(answer), Connection: 'close' });
      res.end(req.method === 'HEAD' ? undefined : answer);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain', Connection: 'close' });
    res.end('not found\n');
  };

  const servers: Server[] = [];
  const addresses: string[] = [];
  const closeAll = () =>
    Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    ).then(() => undefined);

  const bind = async (host: string, ipv6Only = false) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 1000;
    try {
      await listenOn(server, options.port, host, ipv6Only);
    } catch (error) {
      server.close();
      throw error;
    }
    servers.push(server);
    addresses.push(host);
    return server;
  };

  let port = options.port;
  try {
    if (options.listen) {
      const server = await bind(options.listen);
      port = (server.address() as { port: number }).port;
    } else {
      try {
        // One dual-stack socket answers both families.
        const server = await bind('::');
        port = (server.address() as { port: number }).port;
      } catch (error) {
        // A host without IPv6 (EAFNOSUPPORT, EADDRNOTAVAIL): IPv4 alone.
        const code = errnoCode(error);
        if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL' && code !== 'EINVAL') throw error;
        const server = await bind('0.0.0.0');
        port = (server.address() as { port: number }).port;
      }
    }
  } catch (error) {
    await closeAll();
    throw portError(error, options.port, options.listen ?? 'all addresses');
  }

  return {
    port,
    addresses,
    hits,
    set: (token, keyAuthorization) => void answers.set(token, keyAuthorization),
    remove: (token) => void answers.delete(token),
    close: closeAll,
  };
}
