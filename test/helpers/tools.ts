/**
 * Independent implementations the tests check casctl against. A missing tool fails the test loudly:
 * .ci/run installs them, and a silent skip would hide a broken set-up.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Python modules (jwcrypto, django-cas-server) load only under the system interpreter. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export function requireTool(path: string, hint: string): void {
  const probe = spawnSync(path, ['--version'], { stdio: 'ignore' });
  if (probe.error) throw new Error(`${path} is missing: ${hint} (.ci/run installs it)`);
}

export async function python(script: string, args: string[] = [], input?: string) {
  const child = run(SYSTEM_PYTHON, ['-c', script, ...args], { maxBuffer: 16 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  return child;
}

export async function openssl(args: string[], input?: string | Buffer) {
  const child = run('openssl', args, { maxBuffer: 16 * 1024 * 1024, encoding: 'buffer' as BufferEncoding });
  if (input !== undefined) child.child.stdin?.end(input);
  const { stdout, stderr } = await child;
  return { stdout: stdout.toString(), stderr: stderr.toString() };
}

/**
 * Everything here runs as root. Tests that need EACCES stay uid 0 and drop only the capabilities that
 * bypass file permissions (from the inheritable and the bounding set, so root's exec cannot get them
 * back): the checkout stays reachable wherever it lives (a clone in a 0700 `mktemp -d` or in /root),
 * which switching to `nobody` broke. A root-owned file is then unreadable only if its mode says so
 * for the owner too: use `denyRead`.
 */
export const WITHOUT_FILE_PRIVILEGE = dropCapabilities('dac_override', 'dac_read_search');
/** Root without CAP_NET_BIND_SERVICE: ports below 1024 are refused (EACCES), as for any user. */
export const WITHOUT_BIND_PRIVILEGE = dropCapabilities('net_bind_service');

function dropCapabilities(...caps: string[]): string[] {
  const list = caps.map((cap) => `-${cap}`).join(',');
  return ['setpriv', `--inh-caps=${list}`, `--bounding-set=${list}`];
}

/**
 * Mode 0000, then proves that a command under WITHOUT_FILE_PRIVILEGE really cannot read the file, so an
 * EACCES test cannot pass (or fail) for a reason other than the one it names.
 */
export async function denyRead(file: string): Promise<void> {
  await chmod(file, 0o000);
  const probe = spawnSync(WITHOUT_FILE_PRIVILEGE[0]!, [...WITHOUT_FILE_PRIVILEGE.slice(1), 'cat', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (probe.error) throw new Error(`setpriv is missing: ${probe.error.message} (util-linux; .ci/run installs it)`);
  if (probe.status === 0) throw new Error(`${file} is still readable without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH: the EACCES test would prove nothing`);
}
