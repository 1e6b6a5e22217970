import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../src/io/http.js';
import { forms } from '../../../src/tickets/html.js';
import { CookieJar, formTarget, loginFields } from '../../../src/tickets/login-form.js';

const page = `<form method="post" action="login?service=https%3A%2F%2Fapp%2F">
<input type="text" name="username"><input type="password" name="password">
<input type="hidden" name="execution" value="e1s1"><input type="hidden" name="_eventId" value="submit">
<input type="checkbox" name="warn"><input type="checkbox" name="remember" value="yes" checked>
<input type="submit" name="submit" value="Login"><input type="submit" name="other" value="Other"></form>`;

describe('login form', () => {
  it('posts every field the page has, the credentials, checked boxes only and one submit button', () => {
    const fields = loginFields(forms(page)[0]!, { username: 'casuser', password: 'a&b+c=d%e f' });
    expect([...fields]).toEqual([
      ['username', 'casuser'],
      ['password', 'a&b+c=d%e f'],
      ['execution', 'e1s1'],
      ['_eventId', 'submit'],
      ['remember', 'yes'],
      ['submit', 'Login'],
    ]);
    expect(fields.toString()).toContain('password=a%26b%2Bc%3Dd%25e+f');
  });

  it('posts to the action resolved against the page, adding service only when neither carries it', () => {
    const form = forms(page)[0]!;
    const url = 'https://cas.example.org/cas/login?service=https%3A%2F%2Fapp%2F';
    expect(formTarget({ url, form }, 'https://app/', new URLSearchParams())).toBe(url);
    const bare = { url, form: { ...form, action: '' } };
    expect(formTarget(bare, 'https://app/', new URLSearchParams())).toBe(url);
    const noService = { url: 'https://cas.example.org/cas/login', form: { ...form, action: '/cas/login' } };
    expect(formTarget(noService, 'https://app/', new URLSearchParams())).toBe('https://cas.example.org/cas/login?service=https%3A%2F%2Fapp%2F');
    expect(formTarget(noService, 'https://app/', new URLSearchParams({ service: 'x' }))).toBe('https://cas.example.org/cas/login');
  });

  it('keeps cookies by name, replaces them, and forgets deleted ones', () => {
    const jar = new CookieJar();
    const res = (cookies: string[]): HttpResponse => ({ status: 200, headers: { 'set-cookie': cookies }, body: '', url: 'https://cas/', ms: 1 });
    jar.take(res(['csrftoken=abc; Path=/; SameSite=Lax', 'sessionid=s1; HttpOnly; Path=/']));
    jar.take(res(['sessionid=s2; Path=/', 'warn=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/']));
    expect(jar.header()).toEqual({ cookie: 'csrftoken=abc; sessionid=s2' });
    jar.take(res(['csrftoken=; Max-Age=0']));
    expect(jar.header()).toEqual({ cookie: 'sessionid=s2' });
  });
});
