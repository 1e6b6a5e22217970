import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../../src/account/pattern-check.js';
import { DEFAULT_FIELDS } from '../../../src/account/registration-properties.js';

const codes = (pattern: string) => checkPattern(pattern).map((i) => i.code);

describe('checkPattern', () => {
  it.each([
    ['[a-z]*+', '*+'],
    ['\\d++', '++'],
    ['x?+', '?+'],
    ['a{2,3}+', '{2,3}+'],
    ['\\p{javaLowerCase}+', '\\p{javaLowerCase}'],
    ['\\p{IsAlphabetic}', '\\p{IsAlphabetic}'],
    ['\\p{Alpha}', '\\p{Alpha}'],
    ['\\pL', 'without braces'],
    ['\\Q.*\\E', '\\Q…\\E'],
    ['abc\\z', '\\z'],
    ['abc\\Z', '\\Z'],
    ['\\Aabc', '\\A'],
    ['(?i)abc', '(?i)'],
    ['(?i:abc)', '(?i:'],
    ['(?>ab|a)c', 'atomic'],
    ['[a-z&&[^aeiou]]', '&&'],
    ['\\x{1F600}', '\\x{'],
  ])('%s is Java-only (%s)', (pattern, mention) => {
    const issues = checkPattern(pattern);
    expect(issues.map((i) => i.code)).toEqual(['pattern-java-only']);
    expect(issues[0]!.severity).toBe('error');
    expect(issues[0]!.message).toContain(mention);
  });

  it.each([['.+'], ['^[A-Za-z0-9._\\-]{3,32}$'], ['(?<user>\\w+)@(?<host>[\\w.]+)'], ['(?<=a)b'], ['\\p{L}+'], ['[\\s.\\-]'], ['a+?b*?'], ['[\\[\\]]']])(
    '%s is fine in both',
    (pattern) => {
      expect(checkPattern(pattern)).toEqual([]);
    },
  );

  it('a pattern JavaScript cannot compile is an error with the engine reason', () => {
    const [issue] = checkPattern('([a-z]');
    expect(issue).toMatchObject({ severity: 'error', code: 'pattern-invalid' });
    expect(issue!.message).toMatch(/does not compile in JavaScript: Unterminated group/);
  });

  it("a pattern browsers reject under HTML's v flag is a warning", () => {
    const [issue] = checkPattern('[\\s.-]\\d{3}');
    expect(issue).toMatchObject({ severity: 'warning', code: 'pattern-not-v-compatible' });
  });

  it('an empty pattern is a warning', () => {
    expect(codes('')).toEqual(['pattern-empty']);
  });

  it("new-properties' email and phone patterns compile everywhere and match as CAS's originals do", () => {
    const casEmail =
      "(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21\\x23-\\x5b\\x5d-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\")@(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?|\\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[a-z0-9-]*[a-z0-9]:(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21-\\x5a\\x53-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])+)\\])";
    const casPhone = '^(\\+\\d{1,2}\\s)?\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}$';
    const email = DEFAULT_FIELDS.find((f) => f.name === 'email')!.pattern!;
    const phone = DEFAULT_FIELDS.find((f) => f.name === 'phone')!.pattern!;
    expect(checkPattern(casEmail).map((i) => i.code)).toEqual(['pattern-not-v-compatible']);
    expect(checkPattern(email)).toEqual([]);
    expect(checkPattern(phone)).toEqual([]);
    const samples = {
      email: ['casuser@example.org', 'a.b-c_d+e@sub.example.co', 'x{y}|z/w@h.io', '"quoted local"@example.org', 'user@[192.168.0.1]', 'bad@', '@bad.org', 'a@b', 'no at sign', 'UPPER@example.org', 'a@-x.org'],
      phone: ['555-123-4567', '(555) 123-4567', '+1 555.123.4567', '555 123 4567', '5551234567', '555-123-456', '+123 555-123-4567'],
    };
    const same = (a: string, b: string, inputs: string[]) => {
      for (const flags of ['', 'u']) {
        const original = new RegExp(`^(?:${a})$`, flags);
        const ours = new RegExp(`^(?:${b})$`, flags);
        for (const input of inputs) expect([input, ours.test(input)]).toEqual([input, original.test(input)]);
      }
      const html = new RegExp(`^(?:${b})$`, 'v');
      const original = new RegExp(`^(?:${a})$`, 'u');
      for (const input of inputs) expect([input, html.test(input)]).toEqual([input, original.test(input)]);
    };
    same(casEmail, email, samples.email);
    same(casPhone, phone, samples.phone);
  });
});
