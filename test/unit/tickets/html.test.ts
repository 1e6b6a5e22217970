import { describe, expect, it } from 'vitest';
import { decodeEntities, forms, startTags } from '../../../src/tickets/html.js';

const REST_201 =
  '<!DOCTYPE HTML PUBLIC \\"-//IETF//DTD HTML 2.0//EN\\"><html><head><title>201 CREATED</title></head><body><h1>TGT Created</h1><form action="https://cas.example.org/cas/v1/tickets/TGT-1-abc_d-cas01" method="POST">Service:<input type="text" name="service" value=""><br><input type="submit" value="Submit"></form></body></html>';

const APEREO_LOGIN = `<html><head><script>var x = "<form action='nope'>";</script></head><body>
<!-- <form action="/commented"> -->
<form method="post" id="fm1" action="login?service=https%3A%2F%2Fapp.example.org%2F&amp;x=1">
  <input id="username" name="username" type="text" value="" autocomplete=off>
  <input type=password id=password name=password value="">
  <input type="checkbox" name="rememberMe" value="true">
  <input type="hidden" name="execution" value="e1s1_abc=="/>
  <input type="hidden" name="_eventId" value="submit"/>
  <input type="hidden" name="geolocation"/>
  <button class="mdc-button" name="submitBtn" accesskey="l" type="submit" value="Login">Log In</button>
</form><form action="/other"><input type="hidden" name="outside" value="1"></form></body></html>`;

describe('html scanner', () => {
  it('reads the TGT form of a CAS 201 body despite the literal backslashes in its doctype', () => {
    const [form] = forms(REST_201);
    expect(form?.action).toBe('https://cas.example.org/cas/v1/tickets/TGT-1-abc_d-cas01');
    expect(form?.method).toBe('post');
    expect(form?.inputs.map((i) => i.name)).toEqual(['service']);
  });

  it('reads an Apereo-style login form: quoted, unquoted and entity-encoded attributes; skips scripts and comments', () => {
    const all = forms(APEREO_LOGIN);
    expect(all).toHaveLength(2);
    const [login] = all;
    expect(login!.action).toBe('login?service=https%3A%2F%2Fapp.example.org%2F&x=1');
    expect(login!.inputs).toEqual([
      { name: 'username', type: 'text', value: '', checked: false },
      { name: 'password', type: 'password', value: '', checked: false },
      { name: 'rememberMe', type: 'checkbox', value: 'true', checked: false },
      { name: 'execution', type: 'hidden', value: 'e1s1_abc==', checked: false },
      { name: '_eventId', type: 'hidden', value: 'submit', checked: false },
      { name: 'geolocation', type: 'hidden', value: '', checked: false },
      { name: 'submitBtn', type: 'submit', value: 'Login', checked: false },
    ]);
    expect(all[1]!.inputs.map((i) => i.name)).toEqual(['outside']);
  });

  it('lists start tags with lower-cased names and keeps the first of duplicate attributes', () => {
    const tags = startTags('<INPUT Name="a" name="b" disabled><p>');
    expect(tags.map((t) => t.name)).toEqual(['input', 'p']);
    expect(tags[0]!.attributes).toEqual({ name: 'a', disabled: '' });
  });

  it('decodes named, decimal and hex character references and leaves unknown ones', () => {
    expect(decodeEntities('Ticket &#39;ST-1&#x27; &amp; &lt;b&gt; &quot;x&quot; &bogus; a & b')).toBe(`Ticket 'ST-1' & <b> "x" &bogus; a & b`);
  });
});
