/**
 * The single executable (CASCTL_BIN=dist/bin/casctl-linux-x64): run only by `npm run test:bin`
 * (vitest.config.ts), which `npm test` ends with.
 */
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASCTL_BIN, runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

describe('single executable (CASCTL_BIN)', () => {
  it('runs alone: copied into an empty directory, no Node.js on PATH, no HOME', async () => {
    const dir = await tempDir('casctl-sea-');
    const copy = join(dir, 'casctl');
    await copyFile(CASCTL_BIN!, copy);
    await chmod(copy, 0o755);
    const r = spawnSync(copy, ['--json', 'jwk-gen', '-t', 'EC', '-c', 'P-256'], { cwd: dir, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const version = spawnSync(copy, ['--version'], { cwd: dir, env: {}, encoding: 'utf8' });
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });

  it('--help says which form this is', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/This is the single executable \(casctl-linux-x64, Node v\d+\.\d+\.\d+ built in\)/);
  });
});
