/**
 * probe and check against `casctl rest-auth serve`, both run as the user runs them (bin/casctl).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, casctlCommand, REPO_ROOT, runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

interface Served {
  child: ChildProcess;
  url: string;
  document: { url: string; address: string; port: number; users: number };
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServe(args: string[]): Promise<Served> {
  const child = spawn(...casctlCommand(['--json', 'rest-auth', 'serve', ...args]), {
    cwd: REPO_ROOT,
    env: baseEnv() as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const document = await new Promise<Served['document']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${stderr}`)), 15_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      try {
        const parsed = JSON.parse(stdout);
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        /* the document is not complete yet */
      }
    });
    void exit.then(({ code }) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url: document.url, document, stderr: () => stderr, exit };
}

let dir: string;
let served: Served;

beforeAll(async () => {
  dir = await tempDir('casctl-restauth-');
  const users = {
    users: [
      {
        username: 'casuser',
        password: 'Mellon',
        attributes: { mail: ['casuser@example.org'], memberOf: ['staff', 'admins'] },
        warnings: ['Your password expires soon'],
        passwordExpires: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      },
      { username: 'hashed', passwordHash: bcrypt.hashSync('S3cret-hash', 4) },
      { username: 'locked', password: 'pw-locked', state: 'locked' },
      { username: 'disabled', password: 'pw-disabled', state: 'disabled' },
      { username: 'expired', password: 'pw-expired', state: 'expired' },
      { username: 'change', password: 'pw-change', state: 'must-change' },
    ],
  };
  await writeFile(join(dir, 'users.json'), JSON.stringify(users), { mode: 0o600 });
  for (const [name, value] of Object.entries({ good: 'Mellon', hashed: 'S3cret-hash', locked: 'pw-locked', disabled: 'pw-disabled', expired: 'pw-expired', change: 'pw-change', wrong: 'not-Mellon' })) {
    await writeFile(join(dir, `${name}.pw`), `${value}\n`);
  }
  served = await startServe(['--users', join(dir, 'users.json'), '--port', '0']);
});

afterAll(async () => {
  if (served && served.child.exitCode === null) {
    served.child.kill('SIGTERM');
    await served.exit;
  }
});

const probe = (user: string, pwFile: string, extra: string[] = []) =>
  runBin(['--json', 'rest-auth', 'probe', '--url', served.url, '-u', user, '--password-file', join(dir, pwFile), ...extra]);

describe('rest-auth serve', () => {
  it('prints one JSON document with the URL, on 127.0.0.1 by default', () => {
    expect(served.document).toMatchObject({ address: '127.0.0.1', users: 6 });
    expect(served.url).toBe(`http://127.0.0.1:${served.document.port}/`);
  });

  it('refuses a users file that is not valid (exit 3) and a missing one (exit 3)', async () => {
    await writeFile(join(dir, 'bad.json'), '{"users":[{"username":"a"}]}');
    const bad = await runBin(['rest-auth', 'serve', '--users', join(dir, 'bad.json')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('needs exactly one of "password" and "passwordHash"');
    const missing = await runBin(['--json', 'rest-auth', 'serve', '--users', join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).error.code).toBe('E_FILE_NOT_FOUND');
  });

  it('refuses a port that is taken (exit 3, E_LISTEN_FAILED)', async () => {
    const r = await runBin(['--json', 'rest-auth', 'serve', '--users', join(dir, 'users.json'), '--port', String(served.document.port)]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'E_LISTEN_FAILED' });
    expect(r.stderr).toContain('already in use');
  });

  it('warns when plain-text passwords are readable by others', async () => {
    await writeFile(join(dir, 'open.json'), '{"users":[{"username":"a","password":"x"}]}');
    await chmod(join(dir, 'open.json'), 0o644);
    const s = await startServe(['--users', join(dir, 'open.json')]);
    s.child.kill('SIGINT');
    const { code } = await s.exit;
    expect(code).toBe(130);
    expect(s.stderr()).toContain('readable by other users');
  });
});

describe('probe against rest-auth serve', () => {
  it('good credentials: exit 0, principal, typed attributes, warnings, expiration with days left', async () => {
    const r = await probe('casuser', 'good.pw');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      ok: true,
      authenticated: true,
      status: 200,
      method: 'POST',
      principal: { id: 'casuser', attributes: { mail: ['casuser@example.org'], memberOf: ['staff', 'admins'] } },
      warnings: ['Your password expires soon'],
      passwordExpiration: { format: 'RFC 1123' },
    });
    expect([19, 20]).toContain(doc.passwordExpiration.daysLeft);
  });

  it('human output names the principal and attributes', async () => {
    const r = await runBin(['rest-auth', 'probe', '--url', served.url, '-u', 'hashed', '--password-file', join(dir, 'hashed.pw')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CAS would authenticate hashed as principal "hashed"');
    expect(r.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/ → 200/);
  });

  const refusals: [string, string, number, string, string][] = [
    ['casuser', 'wrong.pw', 401, 'FailedLoginException', 'E_REST_AUTH_FAILED_LOGIN'],
    ['nobody', 'wrong.pw', 404, 'AccountNotFoundException', 'E_REST_AUTH_ACCOUNT_NOT_FOUND'],
    ['locked', 'locked.pw', 423, 'AccountLockedException', 'E_REST_AUTH_ACCOUNT_LOCKED'],
    ['disabled', 'disabled.pw', 403, 'AccountDisabledException', 'E_REST_AUTH_ACCOUNT_DISABLED'],
    ['expired', 'expired.pw', 412, 'AccountExpiredException', 'E_REST_AUTH_ACCOUNT_EXPIRED'],
    ['change', 'change.pw', 428, 'AccountPasswordMustChangeException', 'E_REST_AUTH_PASSWORD_MUST_CHANGE'],
  ];
  for (const [user, pw, status, exception, code] of refusals) {
    it(`${user}: ${status} → ${exception}, exit 1`, async () => {
      const r = await probe(user, pw);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ ok: false, authenticated: false, status, exception, error: { code } });
    });
  }

  it('check passes every contract row (exit 0) with a derived wrong password', async () => {
    const r = await runBin(['--json', 'rest-auth', 'check', '--url', served.url, '-u', 'casuser', '--password-file', join(dir, 'good.pw')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.wrongPasswordDerived).toBe(true);
    expect(doc.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      'good-credentials:pass',
      'typed-principal:pass',
      'content-type:pass',
      'wrong-password:pass',
      'unknown-user:pass',
      'timing:pass',
    ]);
  });

  it('check prints a table; a locked test account fails it (exit 1)', async () => {
    const r = await runBin(['rest-auth', 'check', '--url', served.url, '-u', 'locked', '--password-file', join(dir, 'locked.pw'), '--unknown-user', 'ghost']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}good credentials authenticate +423: CAS raises AccountLockedException/);
    expect(r.stdout).toMatch(/PASS {2}an unknown user is refused with 401 or 404 +"ghost": 404/);
    expect(r.stdout).toMatch(/failed/);
  });

  it('serve stops cleanly on SIGTERM (exit 130) and logged each request without passwords', async () => {
    served.child.kill('SIGTERM');
    const { code } = await served.exit;
    expect(code).toBe(130);
    const log = served.stderr();
    expect(log).toMatch(/POST \/ "casuser" → 200 \(authenticated\)/);
    expect(log).toMatch(/"locked" → 423/);
    for (const secret of ['Mellon', 'S3cret-hash', 'pw-locked', 'not-Mellon']) expect(log).not.toContain(secret);
  });
});
