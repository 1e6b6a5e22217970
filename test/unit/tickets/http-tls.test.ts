/**
 * src/io/http.ts over TLS: the --ca-file context is built once from Node's already-parsed store
 * (trustingAlso) without changing that shared store, and its store is filled only after the first
 * ClientHello is sent (deferredTrust), TLS stays unloaded until an https:// request,
 * several requests share one verified connection, and a preconnected TCP connection is taken over
 * by the first request (or replaced, when it failed) with the errors a fresh connection gives.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, deferredTrust, trustingAlso } from '../../../src/io/http.js';
import { makeTestCa, type TestCa } from '../../helpers/test-ca.js';
import { REPO_ROOT } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let ca: TestCa;
let caPem: string;
let server: Server;
let port: number;
const handshakes = { full: 0, resumed: 0 };

beforeAll(async () => {
  ca = await makeTestCa(join(await tempDir(), 'ca'));
  caPem = await readFile(ca.caFile, 'utf8');
  server = createServer({ cert: await readFile(ca.certFile), key: await readFile(ca.keyFile) }, (_req, res) => res.end('ok'));
  server.on('secureConnection', (socket: tls.TLSSocket) => (socket.isSessionReused() ? handshakes.resumed++ : handshakes.full++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A bare TLS handshake with this context: null when verified, else OpenSSL's reason. */
function verify(secureContext?: tls.SecureContext): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext, rejectUnauthorized: false }, () => {
      resolve(socket.authorized ? null : String(socket.authorizationError));
      socket.destroy();
    });
    socket.on('error', (error) => resolve(error.message));
  });
}

describe('trust for --ca-file', () => {
  it('trustingAlso trusts the private CA; the default store stays without it (copied, not changed)', async () => {
    expect(await verify()).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await verify(trustingAlso(tls, caPem))).toBeNull();
    expect(await verify()).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await verify(tls.createSecureContext())).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('deferredTrust: an empty store until complete(), then the trust of the documented options (roots, plus --ca-file)', async () => {
    const withCa = deferredTrust(tls, caPem);
    // nothing installed yet: the private CA is unknown, exactly as with no trust at all
    expect(await verify(withCa.secureContext)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    withCa.complete();
    expect(await verify(withCa.secureContext)).toBeNull();
    withCa.complete(); // again: nothing changes
    expect(await verify(withCa.secureContext)).toBeNull();
    const rootsOnly = deferredTrust(tls, undefined);
    rootsOnly.complete();
    expect(await verify(rootsOnly.secureContext)).toBe(await verify(tls.createSecureContext()));
    // the shared default store is left as it was
    expect(await verify()).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it("deferredTrust without Node's internal handles: the documented options, filled at once", async () => {
    // the empty-store context comes without the handles; the documented options still work
    const createSecureContext = (options?: tls.SecureContextOptions) =>
      Array.isArray(options?.ca) && options.ca.length === 0 ? ({ context: {} } as tls.SecureContext) : tls.createSecureContext(options);
    const withoutHandles = { ...tls, createSecureContext };
    const trust = deferredTrust(withoutHandles as typeof tls, caPem);
    expect(await verify(trust.secureContext)).toBeNull();
    expect(await verify(deferredTrust(withoutHandles as typeof tls, undefined).secureContext)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('three https requests with --ca-file: verified, one connection, one full handshake', async () => {
    const before = { ...handshakes };
    const http = await createHttpClient({ caFile: ca.caFile });
    try {
      for (let i = 0; i < 3; i++) expect((await http.request({ url: `https://127.0.0.1:${port}/` })).body).toBe('ok');
    } finally {
      await http.close();
    }
    expect(handshakes.full - before.full).toBe(1);
    expect(handshakes.resumed - before.resumed).toBe(0);
  });

  it('when the server closes the kept-alive connection, the next one resumes the TLS session', async () => {
    const before = { ...handshakes };
    const http = await createHttpClient({ caFile: ca.caFile });
    try {
      expect((await http.request({ url: `https://127.0.0.1:${port}/` })).body).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 20)); // the TLS 1.3 session ticket follows the handshake
      server.closeIdleConnections();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await http.request({ url: `https://127.0.0.1:${port}/` })).body).toBe('ok');
    } finally {
      await http.close();
    }
    expect(handshakes.full - before.full).toBe(1);
    expect(handshakes.resumed - before.resumed).toBe(1);
  });

  it('http.ts loads node:tls and node:https only when a request needs them (no static import)', () => {
    const source = readFileSync(join(REPO_ROOT, 'src/io/http.ts'), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(staticImports.filter((spec) => /^(node:)?(tls|https|http)$/.test(spec!))).toEqual([]);
  });
});

describe('preconnect', () => {
  it('the first https request runs TLS on the preconnected socket: one connection, verified as always', async () => {
    const before = { ...handshakes };
    const accepted = server.listenerCount('connection');
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    const http = await createHttpClient({ caFile: ca.caFile });
    try {
      http.preconnect?.(`https://127.0.0.1:${port}/cas`);
      for (let i = 0; i < 2; i++) expect((await http.request({ url: `https://127.0.0.1:${port}/cas/x` })).body).toBe('ok');
    } finally {
      await http.close();
      server.off('connection', count);
    }
    expect(server.listenerCount('connection')).toBe(accepted);
    expect(connections).toBe(1);
    expect(handshakes.full - before.full).toBe(1);
  });

  it('an untrusted certificate on a preconnected socket: the same E_TLS as without preconnect', async () => {
    const plain = await createHttpClient();
    const preconnected = await createHttpClient();
    try {
      preconnected.preconnect?.(`https://127.0.0.1:${port}/`);
      const errors = await Promise.all([plain, preconnected].map((c) => c.request({ url: `https://127.0.0.1:${port}/` }).catch((e: Error) => e)));
      expect(errors[1]).toMatchObject({ code: 'E_TLS', message: `TLS verification of 127.0.0.1:${port} failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)` });
      expect((errors[1] as Error).message).toBe((errors[0] as Error).message);
    } finally {
      await Promise.all([plain.close(), preconnected.close()]);
    }
  });

  it('https: the TLS handshake runs before any request (its round trip overlaps the caller), then that connection serves it', async () => {
    const before = { ...handshakes };
    let connections = 0;
    let handshakeDone = 0;
    const count = () => connections++;
    const secured = () => handshakeDone++;
    server.on('connection', count);
    server.on('secureConnection', secured);
    const http = await createHttpClient({ caFile: ca.caFile });
    try {
      await http.preconnect?.(`https://localhost:${port}/cas`);
      // no request yet: the server still completes a handshake
      for (let i = 0; i < 100 && handshakeDone === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(handshakeDone).toBe(1);
      // by name, so SNI and the name check apply (the test certificate is for localhost and 127.0.0.1)
      for (let i = 0; i < 2; i++) expect((await http.request({ url: `https://localhost:${port}/cas/x` })).body).toBe('ok');
    } finally {
      await http.close();
      server.off('connection', count);
      server.off('secureConnection', secured);
    }
    expect(connections).toBe(1);
    expect(handshakeDone).toBe(1);
    expect(handshakes.full - before.full).toBe(1);
  });

  it('https: a handshake run ahead that fails verification gives the request the same E_TLS as without preconnect', async () => {
    const plain = await createHttpClient();
    const preconnected = await createHttpClient();
    try {
      await preconnected.preconnect?.(`https://127.0.0.1:${port}/`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the early handshake has failed by now
      const errors = await Promise.all([plain, preconnected].map((c) => c.request({ url: `https://127.0.0.1:${port}/` }).catch((e: Error) => e)));
      expect(errors[1]).toMatchObject({ code: 'E_TLS', message: `TLS verification of 127.0.0.1:${port} failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)` });
      expect((errors[1] as Error).message).toBe((errors[0] as Error).message);
    } finally {
      await Promise.all([plain.close(), preconnected.close()]);
    }
  });

  it('a refused preconnect is replaced by a fresh attempt that reports it; a silent peer times out', async () => {
    const http = await createHttpClient({ timeoutMs: 300 });
    http.preconnect?.('http://127.0.0.1:1/');
    http.preconnect?.('https://127.0.0.1:1/');
    await new Promise((resolve) => setTimeout(resolve, 50)); // let both fail before the requests
    await expect(http.request({ url: 'http://127.0.0.1:1/x' })).rejects.toMatchObject({ code: 'E_CONNECTION_REFUSED' });
    await expect(http.request({ url: 'https://127.0.0.1:1/x' })).rejects.toMatchObject({ code: 'E_CONNECTION_REFUSED' });
    // refused after the request took the socket over (still connecting then)
    for (const scheme of ['http', 'https']) {
      http.preconnect?.(`${scheme}://127.0.0.1:1/`);
      await expect(http.request({ url: `${scheme}://127.0.0.1:1/y` })).rejects.toMatchObject({ code: 'E_CONNECTION_REFUSED' });
    }
    // a peer that accepts TCP and never speaks: the TLS handshake on the taken-over socket times out
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      http.preconnect?.(`https://127.0.0.1:${silentPort}/`);
      await expect(http.request({ url: `https://127.0.0.1:${silentPort}/x` })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
      expect(sockets).toHaveLength(1);
    } finally {
      await http.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('close() ends a preconnected socket no request took (the process is not kept alive)', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const tcpPort = (tcp.address() as AddressInfo).port;
    const http = await createHttpClient();
    http.preconnect?.(`http://127.0.0.1:${tcpPort}/`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets).toHaveLength(1);
    const closed = new Promise((resolve) => sockets[0]!.on('close', resolve));
    await http.close();
    await closed;
    await new Promise((resolve) => tcp.close(resolve));
  });
});
