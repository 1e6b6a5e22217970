/**
 * `account lint` and `account new-properties` through bin/casctl: every finding code with its location,
 * Hjson syntax errors with the parser's position, garbage input, file errors; exit codes and no stack traces.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, type RunResult } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { WITHOUT_FILE_PRIVILEGE, denyRead } from '../../helpers/tools.js';

const P = 'org.apereo.cas.acct.AccountRegistrationProperty';
let dir: string;
beforeAll(async () => {
  dir = await tempDir('casctl-account-lint-');
});

async function lintText(name: string, content: string | Buffer, json = true): Promise<RunResult> {
  const file = join(dir, name);
  await writeFile(file, content);
  return runBin([...(json ? ['--json'] : []), 'account', 'lint', file]);
}

function noStack(r: RunResult) {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}

type Finding = { severity: string; code: string; line?: number; column?: number; property?: string; field?: string; message: string };
const located = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.line ?? '-'}:${f.column ?? '-'}`);

// An Hjson file (comments, quoteless values) with one of almost every problem; the line numbers matter.
const KITCHEN_SINK = `# registration fields for sso.example.org
{
  "@class": java.util.HashMap
  username: {
    "@class": ${P}
    name: username
    required: false
    order: 0
  }
  email: {
    "@class": ${P}
    name: email
    type: email
    order: 0
    pattern: "[a-z]++@\\\\w+\\\\.\\\\w+\\\\z"
    colour: blue
  }
  phone: {
    name: phone
    type: phone
    order: "2"
    pattern: "^\\\\d{3}[\\\\s.-]\\\\d{4}$"
  }
  dept: {
    "@class": org.apereo.cas.acct.AccountProperty
    name: department
    type: select
    order: 3
    required: maybe
  }
  country: {
    "@class": ${P}
    name: country
    type: text
    values: [ "java.util.ArrayList", [ "FR", "DE" ] ]
    pattern: "(["
    order: 4
  }
  nick: {
    "@class": ${P}
    order: 5
    pattern: ""
  }
  nick2: {
    "@class": ${P}
    name: email
    order: 6
  }
  nick2: {
    "@class": ${P}
    name: email
    order: 7
  }
}
`;

describe('account lint: findings with codes and locations', () => {
  it('an Hjson file with many problems: each reported at its line:column, exit 1', async () => {
    const r = await lintText('sink.hjson', KITCHEN_SINK);
    expect(r.code).toBe(1);
    noStack(r);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('E_REGISTRATION_PROPERTIES_INVALID');
    expect(located(doc.findings)).toEqual([
      'warning username-optional 4:3',
      'error pattern-java-only 15:5',
      'error pattern-java-only 15:5',
      'error unknown-property 16:5',
      'error missing-class 18:3',
      'warning unknown-input-type 20:5',
      'warning coerced-type 21:5',
      'warning pattern-not-v-compatible 22:5',
      'warning name-mismatch 26:5',
      'error wrong-class 25:5',
      'error select-without-values 27:5',
      'error wrong-type 29:5',
      'warning values-ignored 35:5',
      'error pattern-invalid 36:5',
      'error missing-name 39:3',
      'warning pattern-empty 42:5',
      'warning duplicate-key 49:3',
      'warning duplicate-order 14:5',
      'warning name-mismatch 51:5',
      'warning duplicate-name 51:5',
      'warning contact-optional 10:3',
    ].sort(byLine));
    expect(doc.errors).toBe(9);
    expect(doc.warnings).toBe(12);
    const unknown = doc.findings.find((f: Finding) => f.code === 'unknown-property');
    expect(unknown).toMatchObject({ property: 'email', field: 'colour' });
  });

  it('the same file in human form: file:line:col: severity: message [code], hints, summary', async () => {
    const r = await lintText('sink-human.hjson', KITCHEN_SINK, false);
    expect(r.code).toBe(1);
    const file = join(dir, 'sink-human.hjson');
    expect(r.stdout).toContain(`${file}:16:5: error: "email" has the unknown property "colour": CAS fails to load a file with unknown properties [unknown-property]\n`);
    expect(r.stdout).toContain(`${file}:15:5: error: "email".pattern: the pattern uses Java-only regex syntax: ++ (a possessive quantifier)`);
    expect(r.stdout).toContain(`${file}:15:5: error: "email".pattern: the pattern uses Java-only regex syntax: \\z (end of input)`);
    expect(r.stdout).toContain(`${file}:27:5: error: "dept" is a select without "values"`);
    expect(r.stdout).toMatch(/✖ .*sink-human\.hjson: 9 errors, 12 warnings\n$/);
    expect(r.stderr).toBe('');
  });

  it('no username and no email/phone field: the registration flow cannot work (exit 1)', async () => {
    const r = await lintText('flow.json', `{"@class":"java.util.HashMap","first":{"@class":"${P}","name":"first","required":true}}`);
    expect(r.code).toBe(1);
    expect(located(JSON.parse(r.stdout).findings)).toEqual(['error missing-username -:-', 'error missing-contact -:-']);
  });

  it('warnings alone exit 0', async () => {
    const properties = JSON.parse((await runBin(['account', 'new-properties'])).stdout);
    properties.firstName.required = 'true';
    const r = await lintText('warn.json', JSON.stringify(properties, null, 2));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 1, findings: [{ code: 'coerced-type', line: 14, column: 5 }] });
  });

  it("CAS's shipped file itself passes with two browser warnings (its patterns are invalid under the v flag)", async () => {
    const shipped = JSON.parse((await runBin(['account', 'new-properties'])).stdout);
    // CAS's own patterns, byte for byte (registration-properties.json in cas-server-support-account-mgmt)
    shipped.email.pattern = shipped.email.pattern.replace(/\\([\/{|}-])/g, '$1');
    shipped.phone.pattern = '^(\\+\\d{1,2}\\s)?\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}$';
    expect(shipped.email.pattern).toContain("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:");
    const r = await lintText('shipped.json', JSON.stringify(shipped, null, 2));
    expect(r.code).toBe(0);
    expect(located(JSON.parse(r.stdout).findings)).toEqual(['warning pattern-not-v-compatible 33:5', 'warning pattern-not-v-compatible 43:5']);
  });
});

describe('account lint: unreadable input', () => {
  it.each([
    ['a missing closing brace', '{\n  username: {\n    name: username\n  }\n', 5, 1, /missing '}'|End of input/],
    ['a bracket instead of a brace', '{\n  a: {\n    b: 1\n  ]\n}\n', 4, 3, /Found ']' where a key name was expected/],
    ['a key with a space', '{\n  "@class": java.util.HashMap\n  user name: {}\n}\n', 3, 7, /whitespace in your key name/],
    ['a missing colon', '{\n  username {\n  }\n}\n', 2, 12, /Expected ':' instead of '\{'|where a key name was expected/],
    ['a bad escape', '{ "a": "\\q" }', 1, 9, /Bad string|escape/],
  ])('Hjson syntax error: %s → line:column, exit 1', async (_label, content, line, column, message) => {
    const r = await lintText(`syntax-${line}-${column}.hjson`, content);
    expect(r.code).toBe(1);
    noStack(r);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_HJSON_SYNTAX');
    expect(doc.findings).toHaveLength(1);
    expect(doc.findings[0]).toMatchObject({ code: 'syntax', severity: 'error', line, column });
    expect(doc.findings[0].message).toMatch(message);
  });

  it('the human syntax report shows the line and a caret under the column', async () => {
    const r = await lintText('caret.hjson', '{\n  a: {\n    b: 1\n  ]\n}\n', false);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(":4:3: error: not valid Hjson: Found ']' where a key name was expected [syntax]\n    ]\n    ^\n");
  });

  it('1 MB of random bytes: "not text", exit 1, fast and without a stack trace', async () => {
    let garbage = randomBytes(1024 * 1024);
    garbage[100] = 0; // random data with no NUL at all is possible, if unlikely
    const r = await lintText('garbage.bin', garbage);
    expect(r.code).toBe(1);
    noStack(r);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toEqual({ code: 'E_NOT_TEXT', message: `${join(dir, 'garbage.bin')} is not a text file` });
    expect(doc.findings[0].message).toMatch(/^the file is not text \(a NUL byte at offset \d+\)/);
    const human = await lintText('garbage2.bin', garbage, false);
    expect(human.code).toBe(1);
    expect(human.stdout.length).toBeLessThan(1000);
    expect(human.stdout).toMatch(/error: the file is not text/);
    garbage = Buffer.alloc(0);
  });

  it('1 MB of printable garbage: a syntax error or "not an object", exit 1, short output', async () => {
    const text = randomBytes(786432).toString('base64').replace(/(.{76})/g, '$1\n');
    const r = await lintText('garbage.txt', text, false);
    expect(r.code).toBe(1);
    noStack(r);
    expect(r.stdout).toMatch(/error: (not valid Hjson|the file holds)/);
    expect(r.stdout.length).toBeLessThan(2000);
    const binaryish = randomBytes(1024 * 1024).map((b) => (b === 0 ? 1 : b));
    const r2 = await lintText('garbage-nonul.bin', Buffer.from(binaryish), false);
    expect(r2.code).toBe(1);
    noStack(r2);
    expect(r2.stdout.length).toBeLessThan(4000);
    expect(r2.stdout).not.toMatch(/[\u0000-\u0008\u000e-\u001f]/);
  });

  it('a byte-order mark (CAS does not skip it) is an error at 1:1', async () => {
    const properties = (await runBin(['account', 'new-properties'])).stdout;
    const r = await lintText('bom.json', `\ufeff${properties}`);
    expect(r.code).toBe(1);
    expect(located(JSON.parse(r.stdout).findings)).toEqual(['error bom 1:1']);
  });

  it('Latin-1 bytes are a warning (CAS reads UTF-8); a raw tab in a quoted string is an error (hjson-java rejects it)', async () => {
    const properties = (await runBin(['account', 'new-properties'])).stdout;
    const latin1 = Buffer.from(properties.replace('cas.screen.acct.label.lastName', 'cas.screen.acct.label.nom-pr\u00e9nom'), 'latin1');
    const r = await lintText('latin1.json', latin1);
    expect(r.code).toBe(0);
    expect(located(JSON.parse(r.stdout).findings)).toEqual(['warning not-utf8 -:-']);
    const tab = await lintText('tab.json', properties.replace('label.firstName', 'label.first\tName'));
    expect(tab.code).toBe(1);
    expect(located(JSON.parse(tab.stdout).findings)).toEqual(['error syntax 15:42']);
  });

  it('a JSON array or a lone string is not an object of fields', async () => {
    const r = await lintText('array.json', '[1, 2]');
    expect(r.code).toBe(1);
    expect(located(JSON.parse(r.stdout).findings)).toEqual(['error not-an-object 1:1']);
  });

  it('a missing file is exit 3 (not judged), an empty file is judged (exit 1)', async () => {
    const missing = await runBin(['--json', 'account', 'lint', join(dir, 'missing.json')]);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).error.code).toBe('E_FILE_NOT_FOUND');
    const empty = await lintText('empty.json', '');
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout).findings.map((f: Finding) => f.code)).toEqual(['missing-class', 'missing-username', 'missing-contact']);
  });

  it('an unreadable file is exit 3 with a permission message', async () => {
    const file = join(dir, 'secret.json');
    await writeFile(file, '{}');
    await denyRead(file);
    const r = await runBin(['account', 'lint', file], { prefix: WITHOUT_FILE_PRIVILEGE });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`permission denied for registration-properties file ${file}`);
    noStack(r);
  });
});

describe('account new-properties round trip', () => {
  it('stdout → file → lint: no findings; --out → lint: no findings', async () => {
    const printed = await runBin(['account', 'new-properties']);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    const r = await lintText('printed.json', printed.stdout);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 0, findings: [] });
    const out = join(dir, 'out', 'registration-properties.json');
    const missingDir = await runBin(['account', 'new-properties', '--out', out]);
    expect(missingDir.code).toBe(3);
    const file = join(dir, 'registration-properties.json');
    const written = await runBin(['account', 'new-properties', '--out', file]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('cas.account-registration.core.registration-properties.location=file:');
    expect(await readFile(file, 'utf8')).toBe(printed.stdout);
    const human = await runBin(['account', 'lint', file]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(`✔ ${file}: 5 fields (username, firstName, lastName, email, phone), no problems\n`);
  });
});

function byLine(a: string, b: string): number {
  const pos = (s: string) => {
    const [line, column] = s.split(' ')[2]!.split(':').map((n) => (n === '-' ? Infinity : Number(n)));
    return [line!, column!];
  };
  const [la, ca] = pos(a);
  const [lb, cb] = pos(b);
  return la - lb || ca - cb;
}
