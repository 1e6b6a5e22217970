/**
 * src/io/http.ts over TLS: the --ca-file context is built once from Node's already-parsed store
 * (trustingAlso) without changing that shared store, TLS stays unloaded until an https:// request,
 * and several requests share one verified connection.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, trustingAlso } from '../../../src/io/http.js';
import { makeTestCa, type TestCa } from '../../helpers/django-cas.js';
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

  it('http.ts loads node:tls and node:https only when a request needs them (no static import)', () => {
    const source = readFileSync(join(REPO_ROOT, 'src/io/http.ts'), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(staticImports.filter((spec) => /^(node:)?(tls|https|http)$/.test(spec!))).toEqual([]);
  });
});
