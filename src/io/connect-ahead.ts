/**
 * A TCP connection opened at the very start of the process, before the command line is parsed and
 * the command's code runs, so that its round trip overlaps that work (`ticket check`, where a
 * monitoring probe is timed across a network). Nothing is ever sent on it here: an HTTP client's
 * preconnect to the same host and port takes it over (src/io/http.ts), and from then on it is that
 * client's connection, with the client's TLS and verification. One no command took is unref'd (it never
 * keeps the process alive) and goes when the process exits.
 */
import type { Socket } from 'node:net';

interface Ahead {
  socket: Socket;
  failed: boolean;
  /** process.hrtime.bigint() when the connect was started (no perf_hooks this early) */
  openedAt: bigint;
}

const opened = new Map<string, Ahead>();

/** host:port as node:http hands it to an agent: no IPv6 brackets, the scheme's port by default. */
export function originKey(url: URL): { host: string; port: number; key: string } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return { host, port, key: `${host}:${port}` };
}

/**
 * Starts connecting to `server`'s origin. Resolves after one turn of the event loop: net.connect
 * issues the connect (or the host name's lookup) on a later tick, which synchronous work would hold back.
 * Anything unusable (not an http(s) URL, no node:net at hand) is silently no head start.
 */
export function connectAhead(server: string | undefined): Promise<void> | undefined {
  if (server === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Synchronous, unlike import(): the connect must not wait for the promise chain that follows.
  const net = process.getBuiltinModule?.('node:net');
  if (!net) return undefined;
  const { host, port, key } = originKey(url);
  if (opened.has(key)) return undefined;
  const entry: Ahead = { socket: net.connect({ host, port, noDelay: true }), failed: false, openedAt: process.hrtime.bigint() };
  entry.socket.unref();
  entry.socket.on('error', () => (entry.failed = true));
  entry.socket.on('close', () => (entry.failed = true));
  opened.set(key, entry);
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The connection opened ahead to `key` (host:port), if it is still usable, and how many milliseconds ago
 * it was started (a check's clock starts there); it is the caller's from now on.
 */
export function takeAhead(key: string): { socket: Socket; msAgo: number } | undefined {
  const entry = opened.get(key);
  opened.delete(key);
  if (!entry) return undefined;
  if (entry.failed || entry.socket.destroyed) {
    entry.socket.destroy();
    return undefined;
  }
  entry.socket.ref();
  return { socket: entry.socket, msAgo: Number(process.hrtime.bigint() - entry.openedAt) / 1e6 };
}
