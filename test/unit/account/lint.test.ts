import { describe, expect, it } from 'vitest';
import { formatLint, lintRegistrationProperties, type LintResult } from '../../../src/account/lint.js';
import { defaultRegistrationProperties, PROPERTY_CLASS } from '../../../src/account/registration-properties.js';

const plain = { bold: (t: string) => t, dim: (t: string) => t, red: (t: string) => t, green: (t: string) => t, yellow: (t: string) => t, cyan: (t: string) => t };
const C = `"@class": "${PROPERTY_CLASS}"`;

/** A valid file with `extra` lines added to the email entry and `more` entries added at the end. */
function file(extra = '', more = ''): string {
  return `{
  "@class": "java.util.HashMap",
  "username": { ${C}, "name": "username", "required": true, "order": 0 },
  "email": {
    ${C}
    "name": "email"
    "required": true
    "type": "email"
    "order": 1${extra}
  }${more}
}
`;
}

const lint = (text: string | Uint8Array) => lintRegistrationProperties(typeof text === 'string' ? text : text, 'reg.json');
const find = (r: LintResult, code: string) => r.findings.filter((f) => f.code === code);

describe('lintRegistrationProperties', () => {
  it("CAS's shipped field set (new-properties) has no findings", async () => {
    const r = await lint(defaultRegistrationProperties());
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.fields.map((f) => f.name)).toEqual(['username', 'firstName', 'lastName', 'email', 'phone']);
    expect(formatLint(r, plain)).toBe('✔ reg.json: 5 fields (username, firstName, lastName, email, phone), no problems');
  });

  it('the minimal valid file passes', async () => {
    const r = await lint(file());
    expect(r).toMatchObject({ ok: true, errors: 0, warnings: 0 });
  });

  it('missing @class on the map and on an entry are errors located at the object and the key', async () => {
    const r = await lint(file().replace('"@class": "java.util.HashMap",', '').replace(`${C}\n`, ''));
    const found = find(r, 'missing-class');
    expect(found.map((f) => [f.line, f.column, f.property])).toEqual([
      [1, 1, undefined],
      [4, 3, 'email'],
    ]);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('E_REGISTRATION_PROPERTIES_INVALID');
  });

  it('a wrong @class is an error', async () => {
    const r = await lint(file().replace('java.util.HashMap', 'java.util.ArrayList'));
    expect(find(r, 'wrong-class')[0]).toMatchObject({ severity: 'error', line: 2, column: 3 });
  });

  it('an unknown property is an error with a suggestion', async () => {
    const r = await lint(file('\n    "pattren": ".+"'));
    expect(find(r, 'unknown-property')[0]).toMatchObject({ severity: 'error', line: 10, column: 5, property: 'email', field: 'pattren' });
    expect(find(r, 'unknown-property')[0]!.hint).toMatch(/did you mean "pattern"/);
  });

  it('wrong types are errors; what Jackson coerces is a warning', async () => {
    const r = await lint(file('\n    "label": { "x": 1 }\n    "title": 5\n    "cssClass": null', ',\n  "phone": { ' + C + ', "name": "phone", "order": "two", "required": "yes" }'));
    expect(find(r, 'wrong-type').map((f) => f.field)).toEqual(['label', 'order', 'required']);
    expect(find(r, 'coerced-type').map((f) => f.field)).toEqual(['title', 'cssClass']);
    const quoted = await lint(file('', ',\n  "phone": { ' + C + ', "name": "phone", "order": "2", "required": "true" }'));
    expect(find(quoted, 'coerced-type').map((f) => f.field)).toEqual(['order', 'required']);
    expect(quoted.ok).toBe(true);
  });

  it('an order out of Java int range is an error; a fraction is truncated (warning)', async () => {
    const big = await lint(file().replace('"order": 1', '"order": 3000000000'));
    expect(find(big, 'wrong-type')[0]!.message).toMatch(/Java int range/);
    const fraction = await lint(file().replace('"order": 1', '"order": 1.7'));
    expect(find(fraction, 'coerced-type')[0]!.message).toMatch(/truncates it to 1/);
  });

  it('a duplicate order is a warning pointing at the later field and naming the first', async () => {
    const r = await lint(file().replace('"order": 1', '"order": 0'));
    const [dup] = find(r, 'duplicate-order');
    expect(dup).toMatchObject({ severity: 'warning', line: 9, property: 'email' });
    expect(dup!.message).toContain('like "username" (line 3)');
    expect(r.ok).toBe(true);
  });

  it('pattern findings: Java-only syntax and non-compiling patterns are errors', async () => {
    const java = await lint(file('\n    "pattern": "[a-z]++@\\\\p{javaLowerCase}\\\\z"'));
    expect(find(java, 'pattern-java-only').map((f) => f.line)).toEqual([10, 10, 10]);
    const broken = await lint(file('\n    "pattern": "(unclosed"'));
    expect(find(broken, 'pattern-invalid')[0]).toMatchObject({ severity: 'error', line: 10, column: 5, field: 'pattern' });
  });

  it('a select without values is an error; a typed list satisfies it; a plain array is a wrong type', async () => {
    const none = await lint(file('', ',\n  "dept": { ' + C + ', "name": "dept", "type": "select", "order": 2 }'));
    expect(find(none, 'select-without-values')[0]).toMatchObject({ severity: 'error', line: 11, field: 'type' });
    const typed = await lint(file('', ',\n  "dept": { ' + C + ', "name": "dept", "type": "select", "order": 2, "values": [ "java.util.ArrayList", [ "IT", "HR" ] ] }'));
    expect(typed.findings).toEqual([]);
    const bare = await lint(file('', ',\n  "dept": { ' + C + ', "name": "dept", "type": "select", "order": 2, "values": [ "IT", "HR" ] }'));
    expect(find(bare, 'wrong-type')[0]!.message).toMatch(/plain array/);
    expect(find(bare, 'select-without-values')).toHaveLength(1);
  });

  it('values on a non-select field and unknown input types are warnings', async () => {
    const r = await lint(file('', ',\n  "phone": { ' + C + ', "name": "phone", "type": "phone", "order": 2, "values": [ "java.util.ArrayList", [ "1" ] ] }'));
    expect(find(r, 'values-ignored')).toHaveLength(1);
    expect(find(r, 'unknown-input-type')[0]!.hint).toMatch(/"tel"/);
    expect(r.ok).toBe(true);
  });

  it('the flow needs a username field and an email or phone field', async () => {
    const noUser = await lint(file().replace(/ {2}"username": .*\n/, ''));
    expect(find(noUser, 'missing-username')[0]).toMatchObject({ severity: 'error' });
    expect(find(noUser, 'missing-username')[0]!.line).toBeUndefined();
    const noContact = await lint(`{ "@class": "java.util.HashMap", "username": { ${C}, "name": "username", "required": true } }`);
    expect(find(noContact, 'missing-contact')).toHaveLength(1);
    const optional = await lint(file().replace('"required": true\n', '"required": false\n').replace('"required": true,', '"required": false,'));
    expect(find(optional, 'username-optional')).toHaveLength(1);
    expect(find(optional, 'contact-optional')).toHaveLength(1);
    expect(optional.ok).toBe(true);
  });

  it('name mismatches, missing names and duplicate keys are reported', async () => {
    const r = await lint(file('', ',\n  "mail2": { ' + C + ', "name": "email2", "order": 5 },\n  "x": { ' + C + ', "order": 6 },\n  "x": { ' + C + ', "name": "x", "order": 7 }'));
    expect(find(r, 'name-mismatch')[0]).toMatchObject({ property: 'mail2', line: 11 });
    expect(find(r, 'duplicate-key')[0]).toMatchObject({ line: 13 });
    // the last "x" wins: it has a name, so no missing-name
    expect(find(r, 'missing-name')).toHaveLength(0);
    const nameless = await lint(file('', ',\n  "x": { ' + C + ', "order": 6 }'));
    expect(find(nameless, 'missing-name')[0]).toMatchObject({ severity: 'error', line: 11 });
  });

  it('Hjson syntax errors carry the parser position and the source line', async () => {
    const r = await lint('{\n  a: {\n    b: 1\n  ]\n}\n');
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('E_HJSON_SYNTAX');
    expect(r.findings).toEqual([expect.objectContaining({ code: 'syntax', severity: 'error', line: 4, column: 3 })]);
    expect(formatLint(r, plain)).toContain('reg.json:4:3: error: not valid Hjson:');
  });

  it('a file that is no object, binary data, a BOM and bad UTF-8 are reported', async () => {
    expect(find(await lint('just a quoteless string'), 'not-an-object')).toHaveLength(1);
    const binary = await lint(new Uint8Array([0x7b, 0x0a, 0x00, 0xff]));
    expect(binary.error?.code).toBe('E_NOT_TEXT');
    expect(binary.findings[0]).toMatchObject({ code: 'not-text', line: 2, column: 1 });
    const bom = await lint(`\ufeff${file()}`);
    expect(find(bom, 'bom')).toHaveLength(1);
    expect(bom.ok).toBe(false);
    const latin1 = await lint(Buffer.concat([Buffer.from(file().replace('"email"\n', '"em')), Buffer.from([0xe9]), Buffer.from('ail"\n')]));
    expect(find(latin1, 'not-utf8')).toHaveLength(1);
  });
});

describe('hjson-java strictness', () => {
  it('a raw tab inside a quoted string is an error (hjson-java rejects it, hjson-js would not)', async () => {
    const r = await lintRegistrationProperties(file().replace('"name": "email"', '"name": "em\tail"'), 'reg.json');
    const [finding] = r.findings.filter((f) => f.code === 'syntax');
    expect(finding).toMatchObject({ severity: 'error', line: 6, column: 16 });
    expect(finding!.message).toMatch(/^a tab inside a quoted string/);
    expect(finding!.hint).toContain('\\t');
    expect(r.ok).toBe(false);
  });
});
