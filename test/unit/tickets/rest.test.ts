import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient, type HttpResponse } from '../../../src/io/http.js';
import { authenticationExceptions, createSt, createTgt, destroyTgt, isJwt, restFailure, tgtFromCreated, ticketStatus } from '../../../src/tickets/rest.js';
import { startCasRestServer, type CasRestServer } from '../../helpers/cas-rest-server.js';

const fake = (status: number, body: string, headers: HttpResponse['headers'] = {}, url = 'https://cas.example.org/cas/v1/tickets'): HttpResponse => ({
  status,
  headers,
  body,
  url,
  ms: 1,
});
const ctx = { step: 'st' as const, server: 'https://cas.example.org/cas', service: 'https://app.example.org/', username: 'casuser', method: 'POST' };

describe('REST answers (unit)', () => {
  it('recognises JWTs (3 or 5 segments, unsecured with empty signature) but never ticket ids', () => {
    expect(isJwt('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe(true);
    expect(isJwt('eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(true);
    expect(isJwt('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn')).toBe(true);
    expect(isJwt('a.b.c.d.e')).toBe(false);
    expect(isJwt('TGT-1-abc_d-cas01.example.org')).toBe(false);
    expect(isJwt('ST-1-abc')).toBe(false);
  });

  it('reads the typed Jackson 401 body (CAS 6.1+/8), an untyped list, and nothing from non-JSON', () => {
    const typed = '{\n  "@class" : "java.util.HashMap",\n  "authentication_exceptions" : [ "java.util.ArrayList", [ "Password does not match value on record.:authenticationFailure.FailedLoginException", "O&#39;Brien:x" ] ]\n}';
    expect(authenticationExceptions(typed)).toEqual(['Password does not match value on record.:authenticationFailure.FailedLoginException', "O'Brien:x"]);
    expect(authenticationExceptions('{"authentication_exceptions":["FailedLoginException: bad"]}')).toEqual(['FailedLoginException: bad']);
    expect(authenticationExceptions('<html/>')).toEqual([]);
  });

  it('takes the TGT from Location (last segment; ids are never split on -), else the HTML form, else the bare body', () => {
    const loc = 'https://cas.example.org/cas/v1/tickets/TGT-12-Ab_c-d3-cas01.example.org';
    expect(tgtFromCreated(fake(201, 'ignored', { location: loc }), false)).toMatchObject({ tgt: 'TGT-12-Ab_c-d3-cas01.example.org', jwt: false, location: loc });
    const html = `<!DOCTYPE HTML PUBLIC \\"-//IETF//DTD HTML 2.0//EN\\"><html><head><title>201 CREATED</title></head><body><h1>TGT Created</h1><form action="${loc}" method="POST">Service:<input type="text" name="service" value=""><br><input type="submit" value="Submit"></form></body></html>`;
    expect(tgtFromCreated(fake(201, html), false)).toMatchObject({ tgt: 'TGT-12-Ab_c-d3-cas01.example.org', location: loc });
    expect(tgtFromCreated(fake(201, 'TGT-1-x\n'), false)).toEqual({ tgt: 'TGT-1-x', jwt: false, notes: [] });
    expect(tgtFromCreated(fake(201, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'), true)).toMatchObject({ jwt: true });
    expect(tgtFromCreated(fake(201, 'x', { location: loc }), true).notes[0]).toMatch(/rest-tokens/);
    expect(() => tgtFromCreated(fake(201, ''), false)).toThrowError(expect.objectContaining({ code: 'E_TICKET_RESPONSE_INVALID', category: 'refused' }));
    expect(() => tgtFromCreated(fake(201, '<html><body>hi</body></html>'), false)).toThrowError(/no TGT form/);
  });

  it('maps every failing status to what CAS means, with the exit category', () => {
    const cases: [HttpResponse, string, string, RegExp][] = [
      [fake(400, 'No credentials are provided or extracted to authenticate the REST request'), 'E_NO_CREDENTIALS', 'refused', /no credentials/i],
      [fake(400, 'The request was rejected because the URL was not normalized.'), 'E_BAD_REQUEST', 'refused', /not normalized/],
      [fake(401, '{"@class":"java.util.HashMap","authentication_exceptions":["java.util.ArrayList",["Invalid credentials."]]}'), 'E_AUTHENTICATION_FAILED', 'refused', /of casuser \(HTTP 401\): Invalid credentials\./],
      [fake(404, 'TGT-1-abc could not be found or is considered invalid', {}, 'https://cas.example.org/cas/v1/tickets/TGT-1-abc'), 'E_TGT_NOT_FOUND', 'refused', /unknown or expired \(HTTP 404\): TGT-\*\*\* could not be found/],
      [fake(404, '<html>Not Found</html>', {}, 'https://cas.example.org/cas/v1/tickets/TGT-1-abc'), 'E_REST_NOT_AVAILABLE', 'refused', /no CAS REST endpoint \/cas\/v1\/tickets\/\{TGT\}/],
      [fake(405, ''), 'E_METHOD_NOT_ALLOWED', 'refused', /does not allow POST/],
      [fake(415, '{"status":415,"error":"Unsupported Media Type"}'), 'E_UNSUPPORTED_MEDIA_TYPE', 'refused', /content type/],
      [fake(500, 'Target service/application is unspecified or unrecognized in the request'), 'E_SERVICE_NOT_ALLOWED', 'refused', /does not recognise the service https:\/\/app\.example\.org\//],
      [fake(500, 'java.lang.IllegalStateException: &lt;boom&gt;'), 'E_SERVER_ERROR', 'refused', /internal error \(HTTP 500\): java\.lang\.IllegalStateException: <boom>/],
      [fake(503, 'Service Unavailable'), 'E_SERVER_UNAVAILABLE', 'network', /unavailable \(HTTP 503\)/],
      [fake(302, ''), 'E_UNEXPECTED_STATUS', 'refused', /HTTP 302/],
    ];
    for (const [response, code, category, message] of cases) {
      const error = restFailure(response, ctx);
      expect({ code: error.code, category: error.category }, response.body).toEqual({ code, category });
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('TGT-1-abc');
    }
  });

  it('an unknown or disabled service: the hint names casctl service match with the URL', () => {
    for (const body of [
      'Target service/application is unspecified or unrecognized in the request',
      'Unauthorized Service Access. Service [https://app.example.org/] is not found in service registry.',
      'Unauthorized Service Access. Service [https://app.example.org/] is not enabled in service registry.',
    ]) {
      const error = restFailure(fake(500, body), ctx);
      expect(error.code, body).toBe('E_SERVICE_NOT_ALLOWED');
      expect(error.hint).toContain("casctl service match 'https://app.example.org/'");
    }
  });
});

describe('REST client against the stand-in server', () => {
  let cas: CasRestServer;
  let http: HttpClient;
  beforeAll(async () => {
    cas = await startCasRestServer({ users: { casuser: 'p&ss +=%20 word' }, tokens: true, jwtServices: ['https://jwt.example.org/*'] });
    http = await createHttpClient({ timeoutMs: 5000 });
  });
  afterAll(async () => {
    await http.close();
    await cas.stop();
  });

  it('reads the TGT of the 201 HTML answer (no Accept), the text answer and the JSON-negotiated answer alike', async () => {
    for (const accept of [undefined, '*/*', 'text/html', 'text/plain', 'application/json']) {
      const response = await http.request({
        method: 'POST',
        url: `${cas.url}/v1/tickets`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(accept ? { accept } : {}) },
        body: new URLSearchParams({ username: 'casuser', password: 'p&ss +=%20 word' }).toString(),
      });
      expect(response.status).toBe(201);
      const html = accept === undefined || accept === '*/*' || accept === 'text/html';
      expect(response.headers['content-type']).toBe(html ? 'text/html' : accept === 'application/json' ? 'application/json' : 'text/plain;charset=UTF-8');
      if (html) expect(response.body).toContain('<!DOCTYPE HTML PUBLIC \\"-//IETF//DTD HTML 2.0//EN\\">');
      const withLocation = tgtFromCreated(response, false);
      const withoutLocation = tgtFromCreated({ ...response, headers: { ...response.headers, location: undefined } }, false);
      expect(cas.tgts.has(withLocation.tgt)).toBe(true);
      expect(withoutLocation.tgt).toBe(withLocation.tgt);
    }
  });

  it('GET /v1/tickets is 405 with an empty body', async () => {
    const response = await http.request({ method: 'GET', url: `${cas.url}/v1/tickets` });
    expect(response.status).toBe(405);
    expect(response.body).toBe('');
    expect(restFailure(response, { ...ctx, method: 'GET' }).code).toBe('E_METHOD_NOT_ALLOWED');
  });

  it('a content type CAS does not consume is 415', async () => {
    const response = await http.request({ method: 'POST', url: `${cas.url}/v1/tickets`, headers: { 'content-type': 'application/xml' }, body: '<x/>' });
    expect(response.status).toBe(415);
    expect(restFailure(response, ctx).code).toBe('E_UNSUPPORTED_MEDIA_TYPE');
  });

  it('runs TGT → ST (plain and JWT) → status → logout with the password form-encoded', async () => {
    const tgt = await createTgt(http, cas.url, { username: 'casuser', password: 'p&ss +=%20 word' });
    const st = await createSt(http, cas.url, tgt.tgt, { service: 'https://app.example.org/a?b=c' });
    expect(st).toMatchObject({ jwt: false, service: 'https://app.example.org/a?b=c' });
    expect(st.ticket).toMatch(/^ST-/);
    const jwtSt = await createSt(http, cas.url, tgt.tgt, { service: 'https://jwt.example.org/' });
    expect(jwtSt.jwt).toBe(true);
    expect(await ticketStatus(http, cas.url, tgt.tgt)).toEqual({ alive: true, status: 200 });
    const logout = await destroyTgt(http, cas.url, tgt.tgt);
    expect(logout.logoutRequests).toHaveLength(2);
    expect(await ticketStatus(http, cas.url, tgt.tgt)).toEqual({ alive: false, status: 404 });
  });
});
