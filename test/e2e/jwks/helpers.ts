/** Shared bits of the jwks end-to-end tests: the built CLI, independent JOSE implementations. */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { runBin, type BinOptions } from '../../helpers/run-casctl.js';
import { requireTool, SYSTEM_PYTHON } from '../../helpers/tools.js';

const exec = promisify(execFile);

export function requirePeers(): void {
  requireTool(SYSTEM_PYTHON, 'python3 with python3-jwcrypto');
  requireTool('jose', 'the jose CLI (Debian package jose)');
  requireTool('openssl', 'openssl');
}

export const casctl = (args: string[], options?: BinOptions) => runBin(args, options);

export async function casctlJson<T = Record<string, unknown>>(args: string[], options?: BinOptions): Promise<T> {
  const result = await runBin(['--json', ...args], options);
  expect(result.stderr, `stderr of casctl ${args.join(' ')}`).not.toMatch(/error:/);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

export interface Key {
  kty: string;
  kid: string;
  use: string;
  alg?: string;
  crv?: string;
  state: number;
  [member: string]: unknown;
}

export async function readKeys(path: string): Promise<Key[]> {
  return (JSON.parse(await readFile(path, 'utf8')) as { keys: Key[] }).keys;
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Runs a python3 script with jwcrypto; returns stdout. Fails the test with python's stderr. */
export async function jwcrypto(script: string, args: string[] = []): Promise<string> {
  try {
    const { stdout } = await exec(SYSTEM_PYTHON, ['-c', script, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`jwcrypto script failed: ${(error as { stderr?: string }).stderr ?? error}`);
  }
}

/** Loads every key of a keystore file in jwcrypto; prints one line per key: kid kty has_private thumbprint. */
export const LOAD_ALL = `
import sys, json
from jwcrypto import jwk
data = open(sys.argv[1]).read()
ks = jwk.JWKSet.from_json(data)
for raw in json.loads(data)['keys']:
    k = jwk.JWK(**raw)
    print(raw['kid'], k['kty'], k.has_private, k.thumbprint())
`;

export async function jose(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('jose', args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function countStates(keys: Key[]): { previous: number; current: number; future: number } {
  return {
    previous: keys.filter((k) => k.state === 2).length,
    current: keys.filter((k) => k.state === 0).length,
    future: keys.filter((k) => k.state === 1).length,
  };
}
