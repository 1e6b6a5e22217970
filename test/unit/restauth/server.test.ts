import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { judgeResponse } from '../../../src/restauth/judge.js';
import { basicAuthorization } from '../../../src/restauth/probe.js';
import { decide, parseBasic, parseUsers, principalJson } from '../../../src/restauth/server.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const hash = bcrypt.hashSync('hashed-pw', 4);
const users = parseUsers(
  JSON.stringify({
    users: [
      { username: 'casuser', password: 'Mellon', attributes: { mail: ['casuser@example.org'], cn: 'Cas User', n: [1, true] }, warnings: ['Hello'], passwordExpires: '2026-12-01' },
      { username: 'hashed', passwordHash: hash.replace(/^\$2b\$/, '$2y$') },
      { username: 'locked', password: 'pw', state: 'locked' },
      { username: 'disabled', password: 'pw', state: 'disabled' },
      { username: 'expired', password: 'pw', state: 'expired' },
      { username: 'change', password: 'pw', state: 'must-change' },
      { username: 'old', password: 'pw', passwordExpires: '2026-01-01T00:00:00Z' },
    ],
  }),
  'users.json',
);
const map = new Map(users.map((u) => [u.username, u]));
const ask = (user: string, password: string) => decide(map, basicAuthorization(user, password), NOW);

describe('rest-auth serve answers as CAS expects', () => {
  it('good credentials: 200 + typed principal that the CAS model reads back, warnings, RFC 1123 expiration', async () => {
    const d = await ask('casuser', 'Mellon');
    expect(d.status).toBe(200);
    expect(d.headers['content-type']).toBe('application/json');
    expect(d.headers['x-cas-warning']).toEqual(['Hello']);
    expect(d.headers['x-cas-passwordexpirationdate']).toBe('Tue, 01 Dec 2026 00:00:00 GMT');
    expect(JSON.parse(d.body)).toEqual({
      '@class': 'org.apereo.cas.authentication.principal.SimplePrincipal',
      id: 'casuser',
      attributes: {
        '@class': 'java.util.LinkedHashMap',
        mail: ['java.util.ArrayList', ['casuser@example.org']],
        cn: ['java.util.ArrayList', ['Cas User']],
        n: ['java.util.ArrayList', [1, true]],
      },
    });
    const verdict = judgeResponse({ status: d.status, headers: d.headers, body: d.body }, 'casuser', NOW);
    expect(verdict).toMatchObject({ authenticated: true, warnings: ['Hello'], passwordExpiration: { daysLeft: 7, format: 'RFC 1123' } });
  });

  it('status per case: wrong password 401, unknown 404, states 423/403/412/428, expired password 428', async () => {
    expect((await ask('casuser', 'mellon')).status).toBe(401);
    expect((await ask('casuser', 'Mellon2')).status).toBe(401);
    expect((await ask('nobody', 'x')).status).toBe(404);
    expect((await ask('locked', 'pw')).status).toBe(423);
    expect((await ask('locked', 'wrong')).status).toBe(401);
    expect((await ask('disabled', 'pw')).status).toBe(403);
    expect((await ask('expired', 'pw')).status).toBe(412);
    expect((await ask('change', 'pw')).status).toBe(428);
    expect((await ask('old', 'pw')).status).toBe(428);
    expect((await decide(map, undefined, NOW)).status).toBe(401);
    expect((await decide(map, 'Bearer abc', NOW)).headers['www-authenticate']).toBe('Basic realm="cas"');
  });

  it('bcrypt hashes ($2y$ too) via bcryptjs', async () => {
    expect((await ask('hashed', 'hashed-pw')).status).toBe(200);
    expect((await ask('hashed', 'hashed-pw ')).status).toBe(401);
  });

  it('Basic credentials are UTF-8; the password may contain ":"', () => {
    expect(parseBasic(basicAuthorization('üser', 'a:b€'))).toEqual({ username: 'üser', password: 'a:b€' });
    expect(basicAuthorization('casuser', 'pässwörd')).toBe(`Basic ${Buffer.from('casuser:pässwörd', 'utf8').toString('base64')}`);
  });

  it('principalJson without attributes still carries the Map type id', () => {
    expect(JSON.parse(principalJson({ username: 'u', attributes: {} })).attributes).toEqual({ '@class': 'java.util.LinkedHashMap' });
  });

  const invalid: [string, unknown, RegExp][] = [
    ['not JSON', '{', /not valid JSON/],
    ['no users', { people: [] }, /no "users" array/],
    ['both secrets', { users: [{ username: 'a', password: 'x', passwordHash: hash }] }, /exactly one of/],
    ['neither secret', { users: [{ username: 'a' }] }, /exactly one of/],
    ['bad hash', { users: [{ username: 'a', passwordHash: '$1$abc$def' }] }, /bcrypt hash/],
    ['bad state', { users: [{ username: 'a', password: 'x', state: 'frozen' }] }, /state must be one of/],
    ['duplicate', { users: [{ username: 'a', password: 'x' }, { username: 'a', password: 'y' }] }, /appears twice/],
    ['colon', { users: [{ username: 'a:b', password: 'x' }] }, /contains ':'/],
    ['bad date', { users: [{ username: 'a', password: 'x', passwordExpires: 'soon' }] }, /passwordExpires/],
    ['object attribute', { users: [{ username: 'a', password: 'x', attributes: { m: [{}] } }] }, /strings, numbers and booleans/],
  ];
  for (const [name, value, message] of invalid) {
    it(`rejects users.json: ${name} (exit 3)`, () => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      expect(() => parseUsers(text, 'users.json')).toThrow(expect.objectContaining({ category: 'input', code: 'E_USERS_FILE_INVALID' }));
      expect(() => parseUsers(text, 'users.json')).toThrow(message);
    });
  }
});
