import { describe, expect, it } from 'vitest';
import { networkError } from '../../../src/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/io/http.js';
import { checkEndpoint, deriveWrongPassword } from '../../../src/restauth/check.js';
import { principalJson } from '../../../src/restauth/server.js';

/** A scripted endpoint: `answer(user, password)` decides; `ms` is the reported duration. */
function fakeClient(answer: (user: string, password: string) => Partial<HttpResponse> | 'timeout'): HttpClient & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async request(req: HttpRequest) {
      const auth = Buffer.from(req.headers!.authorization!.slice(6), 'base64').toString('utf8');
      const i = auth.indexOf(':');
      seen.push(`${req.method} ${auth}`);
      const a = answer(auth.slice(0, i), auth.slice(i + 1));
      if (a === 'timeout') throw networkError('E_TIMEOUT', 'host did not answer within 5 s');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '', url: String(req.url), ms: 10, ...a };
    },
    async close() {},
  };
}

const good = { status: 200, body: principalJson({ username: 'casuser', attributes: { mail: ['a@b'] } }) };
const input = { url: 'http://x/', method: 'POST', username: 'casuser', password: 'Mellon', encode: (p: string) => p, timeoutMs: 5000 };

describe('check contract rows', () => {
  it('a slow but timely endpoint warns (not fails); a derived wrong password and a random unknown user are sent', async () => {
    const client = fakeClient((user, pw) => (user === 'casuser' && pw === 'Mellon' ? { ...good, ms: 2500 } : { status: user === 'casuser' ? 401 : 404 }));
    const result = await checkEndpoint(input, client);
    expect(result.ok).toBe(true);
    expect(result.rows.find((r) => r.id === 'timing')).toMatchObject({ status: 'warn', detail: 'slow: good credentials 2500 ms' });
    expect(client.seen[0]).toBe('POST casuser:Mellon');
    expect(client.seen[1]).toMatch(/^POST casuser:Mellon[0-9a-f]{8}$/);
    expect(client.seen[2]).toMatch(/^POST casctl-no-such-user-[0-9a-f]{12}:/);
  });

  it('a timeout on the good credentials fails both their row and timing', async () => {
    const result = await checkEndpoint(input, fakeClient(() => 'timeout'));
    expect(result.ok).toBe(false);
    expect(result.rows.find((r) => r.id === 'good-credentials')!.status).toBe('fail');
    expect(result.rows.find((r) => r.id === 'timing')!.detail).toContain('good credentials, wrong password, unknown user');
  });

  it('an unknown user answered 403 fails; a typed principal with oddities warns', async () => {
    const odd = { status: 200, body: JSON.stringify({ '@class': 'org.apereo.cas.authentication.principal.SimplePrincipal', id: 42, extra: true }) };
    const result = await checkEndpoint(input, fakeClient((user, pw) => (user === 'casuser' ? (pw === 'Mellon' ? odd : { status: 401 }) : { status: 403 })));
    expect(result.rows.find((r) => r.id === 'unknown-user')!.status).toBe('fail');
    expect(result.rows.find((r) => r.id === 'typed-principal')).toMatchObject({ status: 'warn' });
    expect(result.rows.find((r) => r.id === 'typed-principal')!.detail).toContain('Jackson coerces it');
  });

  it('derives a wrong password that differs in the first bytes when bcrypt would ignore a suffix', () => {
    const long = 'a'.repeat(80);
    const wrong = deriveWrongPassword(long);
    expect(wrong).not.toBe(long);
    expect(wrong.slice(0, 1)).not.toBe('a');
    expect(deriveWrongPassword('short').startsWith('short')).toBe(true);
  });
});

describe('check when nothing reaches the endpoint', () => {
  it('rethrows the transport error (exit 4) instead of a table', async () => {
    const client: HttpClient = {
      async request() {
        throw networkError('E_CONNECTION_REFUSED', 'connection refused by x');
      },
      async close() {},
    };
    await expect(checkEndpoint(input, client)).rejects.toMatchObject({ code: 'E_CONNECTION_REFUSED', category: 'network' });
  });
});
