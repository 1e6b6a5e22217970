import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttp01Responder, type Http01Responder } from '../../../src/io/http01-server.js';

function get(port: number, path: string, host: string, address = '127.0.0.1', method = 'GET') {
  return new Promise<{ status: number; body: string; type?: string }>((resolve, reject) => {
    const req = request({ host: address, port, path, method, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

let responder: Http01Responder | undefined;
afterEach(async () => {
  await responder?.close();
  responder = undefined;
});

describe('HTTP-01 responder', () => {
  it('answers the key authorization as text/plain for any Host header; 404 otherwise', async () => {
    responder = await startHttp01Responder({ port: 0, listen: '127.0.0.1' });
    responder.set('tok_en-1', 'tok_en-1.thumb');
    for (const host of ['cas.example.org', 'cas.example.org:5002', 'other.example']) {
      const ok = await get(responder.port, '/.well-known/acme-challenge/tok_en-1', host);
      expect(ok).toMatchObject({ status: 200, body: 'tok_en-1.thumb', type: 'text/plain' });
    }
    expect((await get(responder.port, '/.well-known/acme-challenge/unknown', 'x')).status).toBe(404);
    expect((await get(responder.port, '/', 'x')).status).toBe(404);
    expect((await get(responder.port, '/.well-known/acme-challenge/tok_en-1', 'x', '127.0.0.1', 'POST')).status).toBe(404);
    expect((await get(responder.port, '/.well-known/acme-challenge/../etc/passwd', 'x')).status).toBe(404);
    responder.remove('tok_en-1');
    expect((await get(responder.port, '/.well-known/acme-challenge/tok_en-1', 'x')).status).toBe(404);
    expect(responder.hits.get('tok_en-1')).toBe(3);
  });

  it('listens on IPv4 and IPv6 without --listen', async () => {
    responder = await startHttp01Responder({ port: 0 });
    responder.set('t', 'k');
    expect((await get(responder.port, '/.well-known/acme-challenge/t', 'a', '127.0.0.1')).body).toBe('k');
    expect((await get(responder.port, '/.well-known/acme-challenge/t', 'a', '::1')).body).toBe('k');
  });

  it('a taken port is an exit-3 error naming the port and the ways out; close() frees the port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await startHttp01Responder({ port, listen: '127.0.0.1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ category: 'input', code: 'E_ACME_PORT_IN_USE' });
      expect((error as Error).message).toBe(`port ${port} is already in use on 127.0.0.1: cannot answer the HTTP-01 challenge`);
      expect((error as { hint: string }).hint).toMatch(/--webroot DIR.*--http-port N/);
    } finally {
      blocker.close();
    }
    responder = await startHttp01Responder({ port: 0, listen: '127.0.0.1' });
    const again = responder.port;
    await responder.close();
    responder = await startHttp01Responder({ port: again, listen: '127.0.0.1' });
    expect(responder.port).toBe(again);
  });
});
