/** src/io/http.ts on node:http: what ticket (and every other network command) relies on. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, header, headerValues } from '../../../src/io/http.js';

let server: Server;
let base: string;
const seen: { method: string; headers: Record<string, unknown>; body: string; socket: number }[] = [];
const sockets = new Map<unknown, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
      seen.push({ method: req.method!, headers: req.headers, body, socket: sockets.get(req.socket)! });
      if (req.url === '/silent') return; // never answers
      if (req.url === '/slow-body') {
        res.writeHead(200);
        res.write('a');
        return; // body never ends
      }
      res.setHeader('x-cas-warning', ['first', 'second']);
      res.setHeader('set-cookie', 'a=1; Path=/');
      res.writeHead(201, { location: '/x', 'content-type': 'text/plain' });
      res.end('héllo');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('http client (node:http)', () => {
  it('sends the body with an explicit Content-Length, decodes UTF-8, keeps repeated headers apart, reuses one connection', async () => {
    const lines: string[] = [];
    const http = await createHttpClient({ log: (l) => lines.push(l), redact: (t) => t.replace('s3cret', '***') });
    const r1 = await http.request({ method: 'POST', url: `${base}/a`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=s3cret&é=1' });
    const r2 = await http.request({ url: `${base}/b` });
    await http.close();
    expect(r1.status).toBe(201);
    expect(r1.body).toBe('héllo');
    expect(header(r1, 'Location')).toBe('/x');
    expect(headerValues(r1, 'x-cas-warning')).toEqual(['first', 'second']);
    expect(headerValues(r1, 'set-cookie')).toEqual(['a=1; Path=/']);
    const [post, get] = seen.slice(-2);
    expect(post!.headers['content-length']).toBe(String(Buffer.byteLength('password=s3cret&é=1')));
    expect(post!.headers['transfer-encoding']).toBeUndefined();
    expect(post!.body).toBe('password=s3cret&é=1');
    expect(post!.headers['user-agent']).toBe('casctl');
    expect(get!.socket).toBe(post!.socket);
    expect(r2.ms).toBeGreaterThanOrEqual(0);
    expect(lines.join('\n')).toContain('> password=***&é=1');
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('a server that never answers, or stops mid-body, is E_TIMEOUT (exit 4) after the timeout', async () => {
    const http = await createHttpClient({ timeoutMs: 200 });
    for (const path of ['/silent', '/slow-body']) {
      await expect(http.request({ url: `${base}${path}` })).rejects.toMatchObject({ code: 'E_TIMEOUT', category: 'network', message: expect.stringContaining('did not answer within 0.2 s') });
    }
    await http.close();
  });

  it('connection refused and unknown schemes are network errors naming the host', async () => {
    const http = await createHttpClient();
    await expect(http.request({ url: 'http://127.0.0.1:1/x' })).rejects.toMatchObject({ code: 'E_CONNECTION_REFUSED', message: 'connection refused by 127.0.0.1:1' });
    await expect(http.request({ url: 'ftp://127.0.0.1/x' })).rejects.toMatchObject({ code: 'E_NETWORK', category: 'network' });
    await http.close();
  });
});
