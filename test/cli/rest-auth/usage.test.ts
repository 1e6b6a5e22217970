/** Flag rules and error rendering of rest-auth, in-process (no network needed: all fail before any request). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let dir: string;
let pw: string;
beforeAll(async () => {
  dir = await tempDir('casctl-restauth-cli-');
  pw = join(dir, 'pw');
  await writeFile(pw, 'Mellon\n');
});

const URL_ = 'http://127.0.0.1:9/';

describe('rest-auth usage errors (exit 2)', () => {
  const cases: [string, string[], RegExp, string][] = [
    ['a password on argv is not an option', ['probe', '--url', URL_, '-u', 'u', '--password', 'x'], /unknown option '--password'/, 'E_USAGE'],
    ['no password source and no TTY', ['probe', '--url', URL_, '-u', 'u'], /password for u is required/, 'E_INPUT_REQUIRED'],
    ['no URL', ['probe', '-u', 'u', '--password-file', 'PW'], /endpoint URL is required/, 'E_USAGE'],
    ['not http', ['probe', '--url', 'ftp://x/', '-u', 'u', '--password-file', 'PW'], /must be an http or https URL/, 'E_USAGE'],
    ['credentials in the URL', ['probe', '--url', 'http://a:b@x/', '-u', 'u', '--password-file', 'PW'], /must not carry credentials/, 'E_USAGE'],
    ['unknown method', ['probe', '--url', URL_, '-u', 'u', '--password-file', 'PW', '--method', 'FETCH'], /invalid method 'FETCH'/, 'E_USAGE'],
    ['--handler without --cas-config', ['probe', '--url', URL_, '-u', 'u', '--password-file', 'PW', '--handler', '1'], /needs --cas-config/, 'E_USAGE'],
    ['pbkdf2', ['probe', '--url', URL_, '-u', 'u', '--password-encoder', 'PBKDF2'], /random salt/, 'E_ENCODER_NOT_DETERMINISTIC'],
    ['scrypt', ['check', '--url', URL_, '-u', 'u', '--password-encoder', 'scrypt'], /random salt/, 'E_ENCODER_NOT_DETERMINISTIC'],
    ['ssha', ['probe', '--url', URL_, '-u', 'u', '--password-encoder', 'SSHA'], /random 8-byte salt/, 'E_ENCODER_NOT_DETERMINISTIC'],
    ['glibc-crypt without secret', ['probe', '--url', URL_, '-u', 'u', '--password-encoder', 'GLIBC_CRYPT', '--encoding-algorithm', 'SHA-512'], /random salt when it starts/, 'E_ENCODER_NOT_DETERMINISTIC'],
    ['a Groovy encoder', ['probe', '--url', URL_, '-u', 'u', '--password-encoder', 'file:/etc/cas/enc.groovy'], /Groovy script or a Java class/, 'E_ENCODER_UNSUPPORTED'],
    ['default without algorithm', ['probe', '--url', URL_, '-u', 'u', '--password-encoder', 'default'], /needs --encoding-algorithm/, 'E_USAGE'],
    ['two password sources', ['probe', '--url', URL_, '-u', 'u', '--password-file', 'PW', '--password-env', 'X'], /one way only/, 'E_USAGE'],
    ['a wrong password equal to the password', ['check', '--url', URL_, '-u', 'u', '--password-file', 'PW', '--wrong-password-file', 'PW'], /same as the password/, 'E_USAGE'],
    ['bad port', ['serve', '--users', 'x.json', '--port', '70000'], /--port must be between 0 and 65535/, 'E_USAGE'],
  ];
  for (const [name, args, message, code] of cases) {
    it(name, async () => {
      const argv = ['rest-auth', ...args.map((a) => (a === 'PW' ? pw : a))];
      const text = await runInProcess(argv);
      expect(text.code).toBe(2);
      expect(text.stderr).toMatch(message);
      expect(text.stdout).toBe('');
      const json = await runInProcess(['--json', ...argv]);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).error.code).toBe(code);
    });
  }
});

describe('rest-auth input errors (exit 3)', () => {
  it('a missing password file', async () => {
    const r = await runInProcess(['rest-auth', 'probe', '--url', URL_, '-u', 'u', '--password-file', join(dir, 'missing')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('does not exist');
  });

  it('a missing --cas-config file', async () => {
    const r = await runInProcess(['--json', 'rest-auth', 'probe', '--cas-config', join(dir, 'cas.properties'), '-u', 'u', '--password-file', pw]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.code).toBe('E_FILE_NOT_FOUND');
  });

  it('a --cas-config without the handler entry is a usage error naming the setting', async () => {
    await writeFile(join(dir, 'empty.properties'), 'cas.server.name=https://cas.example.org\n');
    const r = await runInProcess(['rest-auth', 'probe', '--cas-config', join(dir, 'empty.properties'), '-u', 'u', '--password-file', pw]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no cas.authn.rest[0].uri');
  });

  it('serve with an invalid users file', async () => {
    await writeFile(join(dir, 'users.json'), '{"users":[{"username":"a","password":"x","state":"frozen"}]}');
    const r = await runInProcess(['--json', 'rest-auth', 'serve', '--users', join(dir, 'users.json')]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'E_USERS_FILE_INVALID' });
  });
});

describe('help', () => {
  for (const verb of ['probe', 'check', 'serve']) {
    it(`${verb} --help has examples`, async () => {
      const r = await runInProcess(['rest-auth', verb, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain(`$ casctl rest-auth ${verb}`);
    });
  }
});
