/**
 * What both forms casctl ships in must do alike: the npm install (bin/casctl) and, under `npm run test:bin`,
 * the single executable (CASCTL_BIN).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, casctlCommand } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

describe('output to files and /dev/null (written without process.stdout/stderr streams)', () => {
  it('stdout and stderr redirected to files get exactly what a pipe gets; /dev/null is fine', async () => {
    const dir = await tempDir('casctl-out-');
    const [command, args] = casctlCommand(['--json', 'jwks', 'show', '--file', join(dir, 'missing.jwks')]);
    const piped = spawnSync(command, args, { encoding: 'utf8', env: baseEnv() as NodeJS.ProcessEnv });
    const out = openSync(join(dir, 'out'), 'w');
    const err = openSync(join(dir, 'err'), 'w');
    const toFiles = spawnSync(command, args, { stdio: ['ignore', out, err], env: baseEnv() as NodeJS.ProcessEnv });
    closeSync(out);
    closeSync(err);
    expect(piped.status).toBe(3);
    expect(toFiles.status).toBe(3);
    expect(await readFile(join(dir, 'out'), 'utf8')).toBe(piped.stdout);
    expect(await readFile(join(dir, 'err'), 'utf8')).toBe(piped.stderr);
    expect(JSON.parse(piped.stdout)).toMatchObject({ error: { code: 'E_FILE_NOT_FOUND' } });
    const [helpCommand, helpArgs] = casctlCommand(['--help']);
    const help = openSync(join(dir, 'help'), 'w');
    expect(spawnSync(helpCommand, helpArgs, { stdio: ['ignore', help, 'ignore'] }).status).toBe(0);
    closeSync(help);
    expect(await readFile(join(dir, 'help'), 'utf8')).toBe(spawnSync(helpCommand, helpArgs, { encoding: 'utf8' }).stdout);
    const [genCommand, genArgs] = casctlCommand(['jwk-gen', '-t', 'oct', '-s', '512']);
    expect(spawnSync(genCommand, genArgs, { stdio: 'ignore' }).status).toBe(0);
  });
});
