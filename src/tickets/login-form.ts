/**
 * The browser's way in, for servers without the REST module: GET /login?service=S, post the login form
 * back with every field the page carries (django-cas-server: `lt`, `csrfmiddlewaretoken`; Apereo CAS:
 * `execution`, `_eventId`) and its cookies, then read the ST from the redirect to the service.
 */
import { refusedError, networkError } from '../errors.js';
import type { HttpClient, HttpResponse } from '../io/http.js';
import { forms, type HtmlForm } from './html.js';
import type { Credentials } from './rest.js';
import { endpoint } from './server.js';

/** One origin's cookies, enough for a login conversation (names and values; attributes are not needed). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: HttpResponse): void {
    const raw = response.headers['set-cookie'];
    for (const line of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // an expired/emptied cookie is a deletion
      if (value === '' || /max-age=0\b/i.test(line) || /expires=thu, 01[ -]jan[ -]1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ') };
  }

  get size() {
    return this.cookies.size;
  }
}

export interface LoginPage {
  url: string;
  form: HtmlForm;
}

function pageFailure(response: HttpResponse, what: string) {
  if (response.status >= 502 && response.status <= 504) {
    return networkError('E_SERVER_UNAVAILABLE', `${new URL(response.url).host} is unavailable (HTTP ${response.status})`, {
      details: { status: response.status },
    });
  }
  return refusedError('E_LOGIN_PAGE_UNAVAILABLE', `${what} answered HTTP ${response.status} (${new URL(response.url).pathname})`, {
    details: { status: response.status },
    hint: 'check --server: it must be the CAS prefix, e.g. https://cas.example.org/cas',
  });
}

/** GET /login?service=…: the page and its login form (the form that has a password field). */
export async function fetchLoginPage(http: HttpClient, server: string, service: string, jar: CookieJar): Promise<LoginPage> {
  const url = endpoint(server, '/login', { service });
  const response = await http.request({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });
  jar.take(response);
  if (response.status !== 200) throw pageFailure(response, 'the CAS login page');
  const form = forms(response.body).find((f) => f.inputs.some((i) => i.type === 'password'));
  if (!form) {
    throw refusedError('E_LOGIN_FORM_NOT_FOUND', `the page at ${new URL(url).pathname} has no login form with a password field`, {
      hint: 'check --server: it must be the CAS prefix, e.g. https://cas.example.org/cas',
    });
  }
  return { url, form };
}

/** The fields a browser would post: every hidden/text input with its value, the credentials, checked boxes, one submit button. */
export function loginFields(form: HtmlForm, credentials: Credentials): URLSearchParams {
  const fields = new URLSearchParams();
  let usernameSet = false;
  let submitSeen = false;
  const textual = new Set(['text', 'email', 'hidden', 'tel', 'search', 'url', '']);
  const usernameField = form.inputs.find((i) => i.name === 'username') ?? form.inputs.find((i) => i.type === 'text' || i.type === 'email');
  for (const input of form.inputs) {
    if (input === usernameField) {
      fields.append(input.name, credentials.username);
      usernameSet = true;
    } else if (input.type === 'password') {
      fields.append(input.name, credentials.password);
    } else if (input.type === 'checkbox' || input.type === 'radio') {
      if (input.checked) fields.append(input.name, input.value || 'on');
    } else if (input.type === 'submit' || input.type === 'image') {
      if (!submitSeen) fields.append(input.name, input.value);
      submitSeen = true;
    } else if (textual.has(input.type)) {
      fields.append(input.name, input.value);
    }
  }
  if (!usernameSet) fields.append('username', credentials.username);
  return fields;
}

/** Where the form posts: its action resolved against the page (an empty action is the page itself). */
export function formTarget(page: LoginPage, service: string, fields: URLSearchParams): string {
  const target = new URL(page.form.action ? page.form.action : page.url, page.url);
  if (!fields.has('service') && !target.searchParams.has('service')) target.searchParams.set('service', service);
  return target.href;
}

const ticketIn = (location: string, base: string): string | undefined => {
  try {
    return new URL(location, base).searchParams.get('ticket') ?? undefined;
  } catch {
    return undefined;
  }
};

/** POSTs the form; the answer must be a redirect to the service carrying `ticket=`. */
export async function submitLogin(http: HttpClient, page: LoginPage, service: string, credentials: Credentials, jar: CookieJar): Promise<string> {
  const fields = loginFields(page.form, credentials);
  let url = formTarget(page, service, fields);
  let response = await http.request({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      // Django checks the Referer of HTTPS posts against the host (CSRF protection).
      referer: page.url,
      ...jar.header(),
    },
    body: fields.toString(),
  });
  jar.take(response);
  // A server may pass through its own pages first (e.g. /login again once the session exists): follow a few on the same origin.
  for (let hops = 0; hops < 3; hops++) {
    const location = response.headers.location;
    const target = Array.isArray(location) ? location[0] : location;
    if (response.status < 300 || response.status >= 400 || !target) break;
    const ticket = ticketIn(target, url);
    if (ticket) return ticket;
    const next = new URL(target, url);
    if (next.origin !== new URL(page.url).origin) break;
    url = next.href;
    response = await http.request({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });
    jar.take(response);
  }
  if (response.status === 200 || response.status === 401) {
    throw refusedError('E_LOGIN_REJECTED', `CAS did not log ${credentials.username} in: it answered with the login form again (HTTP ${response.status})`, {
      details: { status: response.status },
      hint: 'check the username and password, and that the service is allowed to use CAS',
    });
  }
  if (response.status === 403) {
    throw refusedError('E_LOGIN_FORBIDDEN', 'CAS refused the login form post (HTTP 403: a CSRF or session check failed)', {
      details: { status: response.status },
      hint: 'a proxy may strip cookies or the Referer header; try again with --verbose',
    });
  }
  if (response.status >= 300 && response.status < 400) {
    throw refusedError('E_LOGIN_NO_TICKET', `CAS redirected the login to a URL without a ticket (HTTP ${response.status})`, {
      details: { status: response.status },
      hint: 'is the service registered with CAS? (an unknown service gets no ticket)',
    });
  }
  throw pageFailure(response, 'the CAS login form post');
}

/** GET /logout with the session cookies: ends the SSO session the login created. */
export async function formLogout(http: HttpClient, server: string, jar: CookieJar): Promise<void> {
  const response = await http.request({ method: 'GET', url: endpoint(server, '/logout'), headers: { accept: 'text/html', ...jar.header() } });
  jar.take(response);
  if (response.status >= 400) throw pageFailure(response, 'the CAS logout page');
}
