/**
 * The built bin as a user runs it: the password never reaches the process list, and without a
 * terminal nothing waits for a prompt.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCasRestServer, type CasRestServer } from '../../helpers/cas-rest-server.js';
import { baseEnv, casctlCommand, runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const PASSWORD = 'S3cret & +=% spaced';
let cas: CasRestServer;
let dir: string;

beforeAll(async () => {
  // Every answer waits 700 ms, so the process is certainly alive while its command line is read.
  cas = await startCasRestServer({ users: { casuser: PASSWORD }, delayMs: 700 });
  dir = await tempDir();
});
afterAll(() => cas.stop());

/** Starts casctl, reads /proc/<pid>/cmdline while the first request is pending, then waits for the exit. */
async function cmdlineWhileRunning(args: string[], input: string | undefined, env: Record<string, string>) {
  const child = spawn(...casctlCommand(args), { env: baseEnv(env) as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  const before = cas.requests.length;
  // wait until casctl's first request has reached the server (the password is in casctl's memory by then)
  for (let i = 0; i < 200 && cas.requests.length === before; i++) await new Promise((r) => setTimeout(r, 25));
  const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).split('\0').join(' ');
  const code = await exited;
  return { cmdline, code, stdout };
}

describe('the password in the process list', () => {
  it('is never on the command line, whichever source is used', async () => {
    const file = join(dir, 'pw');
    await writeFile(file, `${PASSWORD}\n`, { mode: 0o600 });
    const base = ['ticket', 'tgt', '--server', cas.url, '-u', 'casuser'];
    for (const [extra, input, env] of [
      [['--password-file', file], undefined, {}],
      [['--password-stdin'], `${PASSWORD}\n`, {}],
      [['--password-env', 'CAS_PW'], undefined, { CAS_PW: PASSWORD }],
    ] as [string[], string | undefined, Record<string, string>][]) {
      const { cmdline, code, stdout } = await cmdlineWhileRunning([...base, ...extra], input, env);
      expect(cmdline).toContain('ticket tgt');
      expect(cmdline).not.toContain(PASSWORD);
      expect(cmdline).not.toContain('S3cret');
      expect(code).toBe(0);
      expect(cas.tgts.has(stdout.trim())).toBe(true);
      expect(new URLSearchParams(cas.requests.at(-1)!.body).get('password')).toBe(PASSWORD);
    }
  });
});

describe('no terminal', () => {
  it('does not prompt: a usage error naming the password flags, exit 2, no request sent', async () => {
    const before = cas.requests.length;
    const r = await runBin(['ticket', 'check', '--server', cas.url, '-s', 'https://app.example.org/', '-u', 'casuser'], { timeoutMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: the password for casuser is required\nhint: pass --password-file F, --password-stdin or --password-env VAR (secrets are never taken from the command line)\n',
    );
    expect(r.stdout).toBe('');
    expect(cas.requests.length).toBe(before);
  });

  it('--json failures still print one JSON document', async () => {
    const r = await runBin(['--json', 'ticket', 'status', '--server', cas.url]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'E_TGT_REQUIRED' } });
  });
});
