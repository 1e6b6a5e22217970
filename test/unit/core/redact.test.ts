import { describe, expect, it } from 'vitest';
import { REDACTED, redactForm, redactHeaders, redactJwk, redactTicketGrantingTickets, redactValues } from '../../../src/io/redact.js';

describe('redaction', () => {
  it('removes a secret in plain, URL- and form-encoded form', () => {
    const secret = 'p&ss w=rd%';
    const line = `password=${secret} url=${encodeURIComponent(secret)} form=${encodeURIComponent(secret).replace(/%20/g, '+')}`;
    const out = redactValues(line, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out.split(REDACTED).length - 1).toBe(3);
  });
  it('blanks Authorization and cookies but keeps the scheme', () => {
    const h = redactHeaders({ Authorization: 'Basic Y2FzdXNlcjpNZWxsb24=', Cookie: 'TGC=abc; sessionid=def', Accept: 'text/plain' });
    expect(h).toEqual({ Authorization: `Basic ${REDACTED}`, Cookie: `TGC=${REDACTED}; sessionid=${REDACTED}`, Accept: 'text/plain' });
  });
  it('blanks password fields of a form body', () => {
    expect(redactForm('username=casuser&password=Mellon&service=https%3A%2F%2Fapp')).toBe(
      `username=casuser&password=${REDACTED}&service=https%3A%2F%2Fapp`,
    );
  });
  it('hides ticket-granting tickets, which are bearer credentials', () => {
    expect(redactTicketGrantingTickets('Location: https://cas/v1/tickets/TGT-1-abc_DEF-cas01')).toBe(
      `Location: https://cas/v1/tickets/TGT-${REDACTED}`,
    );
  });
  it('blanks private JWK members only', () => {
    expect(redactJwk({ keys: [{ kty: 'RSA', n: 'nn', e: 'AQAB', d: 'dd', p: 'pp' }, { kty: 'oct', k: 'kk' }] })).toEqual({
      keys: [
        { kty: 'RSA', n: 'nn', e: 'AQAB', d: REDACTED, p: REDACTED },
        { kty: 'oct', k: REDACTED },
      ],
    });
  });
});

describe('Set-Cookie redaction', () => {
  it('hides each cookie value but keeps its attributes', () => {
    expect(redactHeaders({ 'set-cookie': ['TGC=eyJhbGc; Path=/cas; Secure', 'sessionid=abc; Expires=Wed, 21 Oct 2026 07:28:00 GMT'] })).toEqual({
      'set-cookie': `TGC=${REDACTED}; Path=/cas; Secure, sessionid=${REDACTED}; Expires=Wed, 21 Oct 2026 07:28:00 GMT`,
    });
  });
});
