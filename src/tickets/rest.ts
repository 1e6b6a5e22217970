/**
 * CAS's REST protocol (`cas-server-support-rest`): TGTs, STs, ticket status and logout, with every
 * answer in docs/reference cas-behaviour.md §1 turned into a result or a CasctlError that says what CAS meant.
 * Seed docs: "REST Protocol" (POST /v1/tickets, POST /v1/tickets/{TGT}, GET/DELETE /v1/tickets/{id}).
 */
import { CasctlError, networkError, refusedError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../io/http.js';
import { redactTicketGrantingTickets } from '../io/redact.js';
import { decodeEntities, forms } from './html.js';
import { endpoint } from './server.js';

const FORM = 'application/x-www-form-urlencoded';

export interface Credentials {
  username: string;
  password: string;
}

export interface TgtRequest extends Credentials {
  /** ask for a JWT TGT (`token=true`, cas-server-support-rest-tokens) */
  token?: boolean;
  /** extra form fields; CAS turns them into JWT claims */
  params?: [string, string][];
}

export interface TgtResult {
  tgt: string;
  /** the TGT is a JWT (token=true answered by rest-tokens: no Location, text/plain body) */
  jwt: boolean;
  /** where CAS says the TGT lives (absent for JWT TGTs) */
  location?: string;
  /** the answer did not match what was asked (token=true, plain TGT back) */
  notes: string[];
}

export interface StRequest {
  service: string;
  /** renew=true: CAS authenticates these credentials again instead of reusing the TGT's */
  renew?: Credentials;
}

export interface StResult {
  ticket: string;
  /** the service is registered with jwtAsServiceTicket=true: the body is a JWT, not an ST id */
  jwt: boolean;
  service: string;
}

export interface StatusResult {
  alive: boolean;
  status: number;
}

export interface LogoutResult {
  /** CAS 6+: the single-logout request contexts CAS ran (JSON array, often empty) */
  logoutRequests: unknown[];
  status: number;
}

/** What a failing answer was a reply to, for messages. */
interface FailureContext {
  step: 'tgt' | 'st' | 'status' | 'logout';
  server: string;
  username?: string;
  service?: string;
  method: string;
}

/**
 * A JWS (3 segments) or JWE (5) whose first segment is a JSON header with `alg`. Ticket ids
 * (`TGT-1-…-cas01.example.org`) may contain dots, so the shape alone does not tell.
 */
export function isJwt(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 3 && parts.length !== 5) return false;
  if (!parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === '') return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** The last path segment of a URL (`…/v1/tickets/TGT-1-abc` → `TGT-1-abc`). Ids contain `-`: never split on it. */
function lastSegment(location: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    return undefined;
  }
  const segment = url.pathname.split('/').filter(Boolean).pop();
  return segment ? decodeURIComponent(segment) : undefined;
}

/** Body text fit for a one-line message: entities decoded, TGTs redacted, no HTML pages, bounded. */
export function bodyText(response: HttpResponse): string {
  const text = decodeEntities(response.body.trim());
  if (text === '' || text.startsWith('<')) return '';
  const line = redactTicketGrantingTickets(text.replace(/\s+/g, ' '));
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * The messages of a 401: Jackson with default typing, `{"@class":"java.util.HashMap",
 * "authentication_exceptions":["java.util.ArrayList",["…"]]}`, whatever the content type says.
 */
export function authenticationExceptions(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const list = (parsed as { authentication_exceptions?: unknown } | null)?.authentication_exceptions;
  if (!Array.isArray(list)) return [];
  const items = list.length === 2 && typeof list[0] === 'string' && Array.isArray(list[1]) ? (list[1] as unknown[]) : list;
  return items.map((item) => (typeof item === 'string' ? decodeEntities(item) : JSON.stringify(item))).filter((m) => m.trim() !== '');
}

export function restFailure(response: HttpResponse, context: FailureContext): CasctlError {
  const text = bodyText(response);
  const said = text ? `: ${text}` : '';
  const path = new URL(response.url).pathname.replace(/\/(TGT-|ey)[^/]*$/, '/{TGT}');
  const details = { status: response.status };
  switch (response.status) {
    case 400:
      if (/no credentials/i.test(text)) {
        return refusedError('E_NO_CREDENTIALS', `CAS found no credentials in the request (HTTP 400)${said}`, {
          details,
          hint: context.step === 'st' ? 'renew=true needs --username and a password source' : 'pass --username and a password source',
        });
      }
      return refusedError('E_BAD_REQUEST', `CAS rejected the request to ${path} (HTTP 400)${said}`, {
        details,
        hint: 'check --server: it must be the CAS prefix, e.g. https://cas.example.org/cas',
      });
    case 401: {
      const messages = authenticationExceptions(response.body);
      const who = context.username ? ` of ${context.username}` : '';
      return refusedError(
        'E_AUTHENTICATION_FAILED',
        `CAS rejected the authentication${who} (HTTP 401)${messages.length > 0 ? `: ${messages.join('; ')}` : said}`,
        {
          details: { ...details, authenticationExceptions: messages },
          hint: 'check the username and password, and that the account is not locked, disabled or expired',
        },
      );
    }
    case 404:
      if (context.step !== 'tgt' && /could not be found/i.test(text)) {
        return refusedError('E_TGT_NOT_FOUND', `the ticket-granting ticket is unknown or expired (HTTP 404)${said}`, {
          details,
          hint: "get a new one with 'casctl ticket tgt'",
        });
      }
      return refusedError('E_REST_NOT_AVAILABLE', `${context.server} has no CAS REST endpoint ${path} (HTTP 404)`, {
        details,
        hint: "check --server (the CAS prefix) and that CAS has cas-server-support-rest; 'casctl ticket check --via login-form' works without it",
      });
    case 405:
      return refusedError('E_METHOD_NOT_ALLOWED', `CAS does not allow ${context.method} ${path} (HTTP 405)`, { details });
    case 415:
      return refusedError('E_UNSUPPORTED_MEDIA_TYPE', `CAS refused the request's content type ${FORM} (HTTP 415)${said}`, {
        details,
        hint: 'a proxy in front of CAS may rewrite the request; CAS itself accepts form-encoded requests',
      });
    case 500:
      // "…unspecified or unrecognized…" (7.x/8), "Unauthorized Service Access. Service [..] is not found in /
      // is not enabled in service registry." (ServiceTicketResource's generic catch, 5.x–6.x)
      if (/unspecified or unrecognized|not (found|enabled) in service registry|Unauthorized Service Access/i.test(text)) {
        const url = context.service ?? '<url>';
        return refusedError(
          'E_SERVICE_NOT_ALLOWED',
          `CAS does not recognise the service${context.service ? ` ${context.service}` : ''} (HTTP 500)${said}`,
          {
            details,
            hint: `see which service definition CAS would choose, and why none matches or it is disabled: casctl service match '${url}' /etc/cas/services (or --remote <cas-url>)`,
          },
        );
      }
      return refusedError('E_SERVER_ERROR', `CAS failed with an internal error (HTTP 500)${said}`, {
        details,
        hint: 'the CAS server log has the cause',
      });
    case 502:
    case 503:
    case 504:
      return networkError('E_SERVER_UNAVAILABLE', `${new URL(response.url).host} is unavailable (HTTP ${response.status})${said}`, {
        details,
        hint: 'CAS or a proxy in front of it is down; try again later',
      });
    default:
      return refusedError('E_UNEXPECTED_STATUS', `CAS answered HTTP ${response.status} to ${context.method} ${path}${said}`, {
        details,
        hint: 'check --server: it must be the CAS prefix, e.g. https://cas.example.org/cas',
      });
  }
}

const invalidAnswer = (what: string, response: HttpResponse) =>
  refusedError('E_TICKET_RESPONSE_INVALID', `CAS answered ${response.status} but ${what}`, {
    details: { status: response.status },
    hint: 'check --server: it must be the CAS prefix, e.g. https://cas.example.org/cas',
  });

/** POST /v1/tickets: 201 + Location (+ an HTML form or the bare id), or a JWT with token=true. */
export async function createTgt(http: HttpClient, server: string, request: TgtRequest): Promise<TgtResult> {
  const form = new URLSearchParams();
  form.set('username', request.username);
  form.set('password', request.password);
  for (const [name, value] of request.params ?? []) form.append(name, value);
  if (request.token) form.set('token', 'true');
  const url = endpoint(server, '/v1/tickets');
  const response = await http.request({
    method: 'POST',
    url,
    headers: { 'content-type': FORM, accept: 'text/plain' },
    body: form.toString(),
  });
  if (response.status !== 201) {
    throw restFailure(response, { step: 'tgt', server, username: request.username, method: 'POST' });
  }
  return tgtFromCreated(response, request.token === true);
}

/** Reads the TGT from a 201: Location's last segment, else the body (HTML form action, or the bare id / JWT). */
export function tgtFromCreated(response: HttpResponse, tokenRequested: boolean): TgtResult {
  const notes: string[] = [];
  const rawLocation = response.headers.location;
  const location = Array.isArray(rawLocation) ? rawLocation[0] : rawLocation;
  if (location) {
    const tgt = lastSegment(location, response.url);
    if (!tgt) throw invalidAnswer(`its Location header holds no ticket: ${redactTicketGrantingTickets(location)}`, response);
    if (tokenRequested) notes.push('a JWT was asked for (token=true) but CAS returned a plain TGT: is cas-server-support-rest-tokens installed?');
    return { tgt, jwt: isJwt(tgt), location: new URL(location, response.url).href, notes };
  }
  const body = response.body.trim();
  if (body === '') throw invalidAnswer('neither a Location header nor a body', response);
  if (body.startsWith('<')) {
    const action = forms(body).find((f) => f.action)?.action;
    const tgt = action ? lastSegment(action, response.url) : undefined;
    if (!tgt) throw invalidAnswer('its HTML body holds no TGT form', response);
    return { tgt, jwt: isJwt(tgt), location: new URL(action!, response.url).href, notes };
  }
  if (/\s/.test(body)) throw invalidAnswer('its body is not a ticket id', response);
  return { tgt: body, jwt: isJwt(body), notes };
}

/** POST /v1/tickets/{TGT} with service=…: 200 + the ST id (or a JWT for jwtAsServiceTicket services). */
export async function createSt(http: HttpClient, server: string, tgt: string, request: StRequest): Promise<StResult> {
  const form = new URLSearchParams();
  form.set('service', request.service);
  if (request.renew) {
    form.set('renew', 'true');
    form.set('username', request.renew.username);
    form.set('password', request.renew.password);
  }
  const response = await http.request({
    method: 'POST',
    url: endpoint(server, `/v1/tickets/${encodeURIComponent(tgt)}`),
    headers: { 'content-type': FORM, accept: 'text/plain' },
    body: form.toString(),
  });
  if (response.status !== 200) {
    throw restFailure(response, { step: 'st', server, service: request.service, username: request.renew?.username, method: 'POST' });
  }
  const ticket = response.body.trim();
  if (ticket === '' || /\s/.test(ticket) || ticket.startsWith('<')) throw invalidAnswer('its body is not a service ticket', response);
  return { ticket, jwt: isJwt(ticket), service: request.service };
}

/** GET /v1/tickets/{TGT}: 200 alive, 404 gone. */
export async function ticketStatus(http: HttpClient, server: string, tgt: string): Promise<StatusResult> {
  const response = await http.request({ method: 'GET', url: endpoint(server, `/v1/tickets/${encodeURIComponent(tgt)}`), headers: { accept: 'text/plain' } });
  if (response.status === 200) return { alive: true, status: 200 };
  if (response.status === 404 && /could not be found/i.test(bodyText(response))) return { alive: false, status: 404 };
  throw restFailure(response, { step: 'status', server, method: 'GET' });
}

/** DELETE /v1/tickets/{TGT}: CAS 6+ runs single logout and answers 200 with a JSON array; CAS 5 the TGT id. */
export async function destroyTgt(http: HttpClient, server: string, tgt: string): Promise<LogoutResult> {
  const response = await http.request({ method: 'DELETE', url: endpoint(server, `/v1/tickets/${encodeURIComponent(tgt)}`), headers: { accept: 'application/json' } });
  if (response.status !== 200) throw restFailure(response, { step: 'logout', server, method: 'DELETE' });
  let logoutRequests: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(response.body);
    if (Array.isArray(parsed)) logoutRequests = parsed;
  } catch {
    /* CAS 5 answers with the TGT id as text: nothing to report */
  }
  return { logoutRequests, status: 200 };
}
