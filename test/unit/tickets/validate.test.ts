import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../src/io/http.js';
import { interpretValidation, parseCas1, validationError, validationPath } from '../../../src/tickets/validate.js';

const response = (body: string, status = 200): HttpResponse => ({ status, headers: {}, body, url: 'https://cas.example.org/cas/p3/serviceValidate', ms: 1 });

describe('validation answers', () => {
  it('maps protocols to endpoints', () => {
    expect([1, 2, 3].map((p) => validationPath(p as 1 | 2 | 3))).toEqual(['/validate', '/serviceValidate', '/p3/serviceValidate']);
  });

  it('reads a CAS 3 XML success with multi-valued, escaped attributes, PGT IOU and proxies', () => {
    const xml = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>j&amp;doe</cas:user>
    <cas:proxyGrantingTicket>PGTIOU-84678-8a9d</cas:proxyGrantingTicket>
    <cas:proxies><cas:proxy>https://proxy2/pgtUrl</cas:proxy><cas:proxy>https://proxy1/pgtUrl</cas:proxy></cas:proxies>
    <cas:attributes>
      <cas:email>j@example.org</cas:email>
      <cas:memberOf>staff</cas:memberOf>
      <cas:memberOf>O&apos;Brien &#39;ops&#39;</cas:memberOf>
      <cas:isFromNewLogin>true</cas:isFromNewLogin>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`;
    expect(interpretValidation(response(xml), { protocol: 3, format: 'xml' })).toEqual({
      ok: true,
      user: 'j&doe',
      attributes: { email: ['j@example.org'], memberOf: ['staff', "O'Brien 'ops'"], isFromNewLogin: ['true'] },
      proxyGrantingTicket: 'PGTIOU-84678-8a9d',
      proxies: ['https://proxy2/pgtUrl', 'https://proxy1/pgtUrl'],
    });
  });

  it('judges by the body: a failure answered with HTTP 200 is a failure, with code and unescaped description', () => {
    const xml = `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationFailure code="INVALID_TICKET">
        Ticket &#39;ST-1-abc&#39; not recognized
    </cas:authenticationFailure>
</cas:serviceResponse>`;
    const result = interpretValidation(response(xml, 200), { protocol: 2, format: 'xml' });
    expect(result).toEqual({ ok: false, code: 'INVALID_TICKET', description: "Ticket 'ST-1-abc' not recognized" });
    const error = validationError(result as Extract<typeof result, { ok: false }>);
    expect(error.code).toBe('E_TICKET_REJECTED');
    expect(error.category).toBe('refused');
    expect(error.message).toBe("CAS rejected the ticket: INVALID_TICKET: Ticket 'ST-1-abc' not recognized");
  });

  it('reads the JSON format (success and failure), single values as lists', () => {
    const ok = JSON.stringify({ serviceResponse: { authenticationSuccess: { user: 'casuser', attributes: { email: 'a@b', memberOf: ['x', 'y'] } } } });
    expect(interpretValidation(response(ok), { protocol: 3, format: 'json' })).toEqual({ ok: true, user: 'casuser', attributes: { email: ['a@b'], memberOf: ['x', 'y'] } });
    const bad = JSON.stringify({ serviceResponse: { authenticationFailure: { code: 'INVALID_SERVICE', description: 'mismatch' } } });
    expect(interpretValidation(response(bad), { protocol: 3, format: 'json' })).toEqual({ ok: false, code: 'INVALID_SERVICE', description: 'mismatch' });
  });

  it('reads XML even when JSON was asked (servers that ignore format=JSON)', () => {
    const xml = '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>u</cas:user></cas:authenticationSuccess></cas:serviceResponse>';
    expect(interpretValidation(response(xml), { protocol: 3, format: 'json' })).toEqual({ ok: true, user: 'u', attributes: {} });
  });

  it('CAS 1.0: yes/user, no, and anything else unreadable', () => {
    expect(parseCas1(response('yes\ncasuser\n'))).toEqual({ ok: true, user: 'casuser', attributes: {} });
    expect(parseCas1(response('no\n\n'))).toMatchObject({ ok: false, code: 'INVALID_TICKET' });
    expect(parseCas1(response('<html>login</html>'))).toMatchObject({ ok: false, code: 'E_VALIDATION_RESPONSE_INVALID', unreadable: true });
  });

  it('an HTML page, broken XML, XML of another kind or bad JSON is unreadable, never a success', () => {
    for (const body of ['<html><body>Login</body></html>', '<cas:serviceResponse><cas:authenticationSuccess>', '<other/>', '{"serviceResponse":', 'plain text', '']) {
      const result = interpretValidation(response(body), { protocol: 3, format: 'xml' });
      expect(result, body).toMatchObject({ ok: false, code: 'E_VALIDATION_RESPONSE_INVALID', unreadable: true });
    }
  });
});
