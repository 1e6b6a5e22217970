/**
 * Two ways to run casctl in tests: `runBin` spawns the built bin/casctl exactly as a user runs it;
 * `runInProcess` calls the CLI's run() with buffer streams and chosen TTY flags (gh's iostreams.Test()).
 */
import { spawn } from 'node:child_process';
import { PassThrough, Readable, Writable } from 'node:stream';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/casctl', import.meta.url));

/**
 * The executable under test: CASCTL_BIN (e.g. dist/bin/casctl-linux-x64, relative to the checkout) is
 * spawned directly; without it, `node bin/casctl` as an npm install runs it.
 */
export const CASCTL_BIN = process.env.CASCTL_BIN ? resolve(REPO_ROOT, process.env.CASCTL_BIN) : undefined;

/** Command and arguments that run casctl with `args` (for tests that spawn it themselves). */
export function casctlCommand(args: string[]): [string, string[]] {
  return CASCTL_BIN ? [CASCTL_BIN, args] : [process.execPath, [BIN, ...args]];
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  timeoutMs?: number;
  /** wrap in another command, e.g. WITHOUT_FILE_PRIVILEGE (helpers/tools.ts) for EACCES cases */
  prefix?: string[];
}

/** A clean environment: no color forcing, no CI spinners decisions leaking in from the test runner. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('CASCTL_') || name === 'FORCE_COLOR' || name === 'NO_COLOR') delete env[name];
  }
  return { ...env, ...extra };
}

export function runBin(args: string[], options: BinOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [executable, executableArgs] = casctlCommand(args);
    const command = options.prefix ? options.prefix[0]! : executable;
    const commandArgs = options.prefix ? [...options.prefix.slice(1), executable, ...executableArgs] : executableArgs;
    const child = spawn(command, commandArgs, {
      cwd: options.cwd ?? REPO_ROOT,
      env: baseEnv(options.env) as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  cwd?: string;
}

class Capture extends Writable {
  text = '';
  isTTY: boolean;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
  getColorDepth() {
    return 8;
  }
}

export async function runInProcess(args: string[], options: InProcessOptions = {}) {
  const { run } = await import('../../src/cli/main.js');
  const stdout = new Capture(options.stdoutTTY ?? false);
  const stderr = new Capture(options.stderrTTY ?? false);
  const stdin = (options.stdin !== undefined ? Readable.from([options.stdin]) : new PassThrough().end()) as Readable & { isTTY?: boolean };
  stdin.isTTY = options.stdinTTY ?? false;
  const code = await run(args, {
    streams: { stdin, stdout, stderr },
    env: options.env ?? {},
    cwd: options.cwd,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
