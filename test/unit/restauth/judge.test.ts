import { describe, expect, it } from 'vitest';
import { daysLeft, parseExpirationDate } from '../../../src/restauth/dates.js';
import { judgeResponse } from '../../../src/restauth/judge.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const principal = (attributes: unknown = { '@class': 'java.util.LinkedHashMap', mail: ['java.util.ArrayList', ['a@example.org']] }) =>
  JSON.stringify({ '@class': 'org.apereo.cas.authentication.principal.SimplePrincipal', id: 'casuser', attributes });
const ok = (body: string, headers: Record<string, string | string[]> = {}) => judgeResponse({ status: 200, headers, body }, 'casuser', NOW);

describe('status → CAS exception (RestAuthenticationHandler)', () => {
  const table: [number, string, string][] = [
    [401, 'FailedLoginException', 'Could not authenticate account for casuser'],
    [403, 'AccountDisabledException', 'Could not authenticate forbidden account for casuser'],
    [404, 'AccountNotFoundException', 'Could not locate account for casuser'],
    [412, 'AccountExpiredException', 'Could not authenticate expired account for casuser'],
    [423, 'AccountLockedException', 'Could not authenticate locked account for casuser'],
    [428, 'AccountPasswordMustChangeException', 'Account password must change for casuser'],
    [500, 'FailedLoginException', 'Rest endpoint returned an unknown status code 500 for casuser'],
    [302, 'FailedLoginException', 'Rest endpoint returned an unknown status code 302 for casuser'],
    [201, 'FailedLoginException', 'Rest endpoint returned an unknown status code 201 for casuser'],
  ];
  for (const [status, exception, message] of table) {
    it(`${status} → ${exception}`, () => {
      const verdict = judgeResponse({ status, headers: {}, body: principal() }, 'casuser', NOW);
      expect(verdict).toMatchObject({ authenticated: false, exception, message });
    });
  }
});

it('a redirect says to point the uri at the final URL', () => {
  const v = judgeResponse({ status: 302, headers: { location: 'https://auth.example.org/login' }, body: '' }, 'casuser', NOW);
  expect(v.reason).toContain('a redirect to https://auth.example.org/login');
});

describe('a 200 body read as a Principal with Jackson default typing', () => {
  it('typed principal with typed attributes authenticates', () => {
    const v = ok(principal({ '@class': 'java.util.LinkedHashMap', mail: ['java.util.ArrayList', ['a@example.org']], n: ['java.util.List', [1, true]] }));
    expect(v).toMatchObject({ authenticated: true, principal: { id: 'casuser', attributes: { mail: ['a@example.org'], n: [1, true] } } });
    expect(v.notes).toEqual([]);
  });

  it('no attributes member authenticates; "attributes":{} lacks the Map type id the CAS mapper needs', () => {
    expect(ok('{"@class":"org.apereo.cas.authentication.principal.SimplePrincipal","id":"casuser","attributes":{}}').authenticated).toBe(false);
    expect(ok('{"@class":"org.apereo.cas.authentication.principal.SimplePrincipal","id":"casuser"}').authenticated).toBe(true);
  });

  const failures: [string, string, RegExp][] = [
    ['not JSON', '<html>ok</html>', /not JSON/],
    ['empty', '', /empty/],
    ['untyped JSON', '{"id":"casuser","attributes":{"mail":["a@b"]}}', /no "@class"/],
    ['another class', '{"@class":"com.example.User","id":"casuser"}', /"@class" is "com.example.User"/],
    ['no id', '{"@class":"org.apereo.cas.authentication.principal.SimplePrincipal"}', /no "id"/],
    ['blank id', '{"@class":"org.apereo.cas.authentication.principal.SimplePrincipal","id":"  "}', /blank/],
    ['untyped attribute map', principal({ mail: ['java.util.ArrayList', ['a']] }), /"attributes" has no "@class"/],
    ['untyped attribute list', principal({ '@class': 'java.util.LinkedHashMap', mail: ['a@b'] }), /untyped JSON array/],
    ['scalar attribute', principal({ '@class': 'java.util.LinkedHashMap', mail: 'a@b' }), /attribute "mail" is a string/],
    ['a JSON array', '[1,2]', /an array/],
  ];
  for (const [name, body, why] of failures) {
    it(`${name} → FailedLoginException "Unable to detect the authentication principal"`, () => {
      const v = ok(body);
      expect(v).toMatchObject({
        authenticated: false,
        exception: 'FailedLoginException',
        message: 'Unable to detect the authentication principal for casuser',
        code: 'E_REST_AUTH_BAD_PRINCIPAL',
      });
      expect(v.reason).toMatch(why);
    });
  }
});

describe('warnings and password expiration', () => {
  it('each X-CAS-Warning, and the expiration date with days left', () => {
    const v = ok(principal(), { 'x-cas-warning': ['first', 'second'], 'x-cas-passwordexpirationdate': 'Mon, 30 Nov 2026 12:00:00 GMT' });
    expect(v.warnings).toEqual(['first', 'second']);
    expect(v.passwordExpiration).toMatchObject({ format: 'RFC 1123', daysLeft: 7, date: '2026-11-30T12:00:00.000Z' });
  });

  it('repeated header lines stay separate warnings even when one holds a comma (raw headers)', () => {
    const v = judgeResponse(
      { status: 200, headers: { 'x-cas-warning': 'a, b, c' }, rawHeaders: ['X-CAS-Warning', 'a, b', 'Content-Type', 'application/json', 'x-cas-warning', 'c'], body: principal() },
      'casuser',
      NOW,
    );
    expect(v.warnings).toEqual(['a, b', 'c']);
  });

  it('an unparseable date fails the whole login, as the NPE inside CAS does', () => {
    const v = ok(principal(), { 'x-cas-passwordexpirationdate': 'next tuesday' });
    expect(v).toMatchObject({ authenticated: false, exception: 'FailedLoginException' });
    expect(v.reason).toMatch(/X-CAS-PasswordExpirationDate "next tuesday"/);
  });

  it('parses ISO zoned first, then RFC 1123, then local forms as UTC', () => {
    expect(parseExpirationDate('2026-12-01T10:00:00+02:00')).toMatchObject({ format: 'ISO zoned', date: new Date('2026-12-01T08:00:00Z') });
    expect(parseExpirationDate('2026-12-01T10:00Z[UTC]')).toMatchObject({ format: 'ISO zoned' });
    expect(parseExpirationDate('Tue, 1 Dec 2026 10:00:00 GMT')).toMatchObject({ format: 'RFC 1123', date: new Date('2026-12-01T10:00:00Z') });
    expect(parseExpirationDate('1 Dec 2026 10:00:00 +0100')).toMatchObject({ format: 'RFC 1123', date: new Date('2026-12-01T09:00:00Z') });
    expect(parseExpirationDate('Mon, 1 Dec 2026 10:00:00 GMT')).toBeUndefined(); // wrong weekday: Java rejects it
    expect(parseExpirationDate('2026-12-01T10:00:00')).toMatchObject({ format: 'ISO local (as UTC)', date: new Date('2026-12-01T10:00:00Z') });
    expect(parseExpirationDate('12/01/2026 10:30 pm')).toMatchObject({ date: new Date('2026-12-01T22:30:00Z') });
    expect(parseExpirationDate('12/01/2026 22:30')).toMatchObject({ date: new Date('2026-12-01T22:30:00Z') });
    expect(parseExpirationDate('2026-02-30')).toBeUndefined();
    expect(parseExpirationDate('2026-12-01')?.format).toBe('date only (as UTC)');
  });

  it('days left truncate toward zero like Duration.toDays()', () => {
    expect(daysLeft(new Date('2026-11-25T11:59:59Z'), NOW)).toBe(1);
    expect(daysLeft(new Date('2026-11-22T00:00:00Z'), NOW)).toBe(-1);
    expect(daysLeft(new Date('2026-11-23T00:00:00Z'), NOW)).toBe(0);
  });
});
