import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBin } from '../../helpers/run-casctl.js';

const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string; bin: Record<string, string> };

describe('bin/casctl as a user runs it', () => {
  it('prints the package version (fast path) and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runBin([flag]);
      expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
    expect(pkg.bin.casctl).toBe('bin/casctl');
  });

  it('lists every command family in --help', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['acme', 'jwks', 'jwk-gen', 'ticket', 'rest-auth', 'crypto', 'account', 'completion']) {
      expect(r.stdout).toMatch(new RegExp(`\\n {2}${name}\\b`));
    }
  });

  it('a bad flag gives exit 2 and a one-line error, never a stack trace', async () => {
    const r = await runBin(['jwks', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown option '--no-such-flag'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json with a usage error prints exactly one JSON document', async () => {
    const r = await runBin(['--json', 'nope']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'E_USAGE' } });
  });
});
