/**
 * The process boundary: argv, environment, streams and exit codes live here and nowhere else.
 * Every error, from commander, a command or a bug, is rendered here once: stderr text (and under
 * --json one JSON document on stdout) plus the documented exit code.
 */
import { fstatSync, readFileSync, writeSync, type Stats } from 'node:fs';
import { CommanderError } from 'commander';
import { CasctlError, isCasctlError } from '../errors.js';
import { ticketCheckServer } from '../commands/ticket/ahead.js';
import { connectAhead } from '../io/connect-ahead.js';
import { removePendingTemps } from '../io/files.js';
import type { OutStream, Streams } from '../io/terminal.js';
import { createOutput, globalOptionsFromArgv, type Runtime } from './context.js';
import { BUILT_VERSION } from './build-info.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { buildProgram } from './program.js';

export interface RunOptions {
  streams: Streams;
  env: Record<string, string | undefined>;
  cwd?: string;
  /** shared with the caller so a signal handler can reach the running command's clean-ups */
  runtime?: Runtime;
}

let cachedVersion: string | undefined;
export function casctlVersion(): string {
  cachedVersion ??=
    BUILT_VERSION ?? (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

export function newRuntime(options: RunOptions): Runtime {
  let abort: AbortController | undefined;
  return {
    streams: options.streams,
    env: options.env,
    cwd: options.cwd ?? process.cwd(),
    exitCode: 0,
    interruptHandlers: new Set(),
    // Made on first use: AbortController is a lazily loaded global (~0.3 ms), and most commands never wait on it.
    get abort() {
      abort ??= new AbortController();
      return abort;
    },
  };
}

/** Runs one casctl invocation in-process and returns its exit code (tests call this directly). */
export async function run(argv: string[], options: RunOptions): Promise<number> {
  const runtime = options.runtime ?? newRuntime(options);
  try {
    if (wantsManPage(argv)) return await showManPage(argv, runtime);
    const program = await buildProgram(runtime, casctlVersion(), argv);
    await program.parseAsync(argv, { from: 'user' });
    return runtime.exitCode;
  } catch (error) {
    return renderFailure(error, argv, runtime);
  }
}

/** `casctl help --man COMMAND` (one comparison on every other run: the man code loads only here). */
function wantsManPage(argv: readonly string[]): boolean {
  return argv.includes('--man') && argv.find((arg) => !arg.startsWith('-')) === 'help';
}

/** The page on a terminal through man(1) (plain text without one); its roff source into a pipe or file. */
async function showManPage(argv: readonly string[], runtime: Runtime): Promise<number> {
  const { manWords, renderEntry, resolveEntry } = await import('../man/index.js');
  const root = await buildProgram(runtime, casctlVersion(), [], true);
  const entry = resolveEntry(root, manWords(argv));
  const { stdout } = runtime.streams;
  if (stdout.isTTY) {
    const { showWithMan } = await import('../io/man-viewer.js');
    if (await showWithMan(await renderEntry(root, entry, casctlVersion(), 'roff'), runtime.env)) return EXIT.ok;
    stdout.write(await renderEntry(root, entry, casctlVersion(), 'text'));
    return EXIT.ok;
  }
  stdout.write(await renderEntry(root, entry, casctlVersion(), 'roff'));
  return EXIT.ok;
}

/** Every man page as roff, for scripts/build-man.mjs (dist/man/) and its drift test. */
export async function manPages(): Promise<{ name: string; roff: string }[]> {
  const { allPages } = await import('../man/index.js');
  const runtime = newRuntime({ streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env: {} });
  return allPages(await buildProgram(runtime, casctlVersion(), [], true), casctlVersion());
}

function fromCommander(error: CommanderError): CasctlError | number {
  // Help and version are successful exits that commander reports by throwing.
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
    return EXIT.ok;
  }
  if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
  const message = error.message.replace(/^error:\s*/i, '');
  return new CasctlError('usage', 'E_USAGE', message, { hint: "run 'casctl --help' (or 'casctl <command> --help') for usage" });
}

async function renderFailure(error: unknown, argv: string[], runtime: Runtime): Promise<number> {
  let failure: CasctlError;
  if (error instanceof CommanderError) {
    const mapped = fromCommander(error);
    if (typeof mapped === 'number') return mapped;
    failure = mapped;
  } else if (isCasctlError(error)) {
    failure = error;
  } else {
    failure = new CasctlError('internal', 'E_INTERNAL', `unexpected error: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
      hint: 're-run with --debug (or CASCTL_DEBUG=1) and report the output',
    });
  }
  const global = globalOptionsFromArgv(argv, runtime.env);
  const out = runtime.output ?? (await createOutput(runtime, global));
  let code = exitCodeFor(failure.category);
  // A monitoring plugin that cannot even start answers UNKNOWN (3) with one status line, whatever failed
  // before its handler ran (a bad flag): 2 would page someone for CRITICAL.
  const nagios = argv.includes('--nagios') && !argv.includes('--');
  if (nagios && failure.category !== 'interrupted') {
    code = 3;
    if (!global.json) out.result(undefined, `UNKNOWN - ${failure.message}`);
  }
  if (global.json) {
    const body = { code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}), ...(failure.details ?? {}) };
    out.jsonError(failure.category === 'refused' ? { ok: false, error: body } : { error: body });
  }
  if (failure.category === 'interrupted') {
    out.stderrRaw('interrupted');
  } else {
    out.error(failure.message, failure.hint);
  }
  if (global.debug) {
    const stack = (failure.cause as Error | undefined)?.stack ?? failure.stack;
    if (stack) out.stderrRaw(stack);
  }
  return code;
}

/** On Linux, a character device of major 1: /dev/null, /dev/zero, … (never a terminal). */
function isMemoryDevice(stat: Stats): boolean {
  return process.platform === 'linux' && ((stat.rdev >> 8) & 0xfff) === 1;
}

/**
 * isatty(0), answered without loading node:tty (and with it node:net) where the answer is plain from
 * fstat: a pipe or a file (scripts, CI), or on Linux one of the memory devices (major 1: /dev/null, what
 * cron and most supervisors give a job).
 */
function stdinIsTerminal(): boolean {
  try {
    const stat = fstatSync(0);
    if (!stat.isCharacterDevice() || isMemoryDevice(stat)) return false;
  } catch {
    return false;
  }
  return (process.getBuiltinModule('node:tty') as typeof import('node:tty')).isatty(0);
}

/**
 * fd 1 or 2 when it is a regular file or, on Linux, /dev/null (a memory device): there Node's own
 * process.stdout is a SyncWriteStream doing fs.writeSync, and this does the same without loading
 * node:stream. Anything else (a terminal, a pipe, a socket) gets process.stdout/stderr itself.
 */
function plainOutput(fd: 1 | 2): OutStream | undefined {
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() && !(stat.isCharacterDevice() && isMemoryDevice(stat))) return undefined;
  } catch {
    return undefined;
  }
  const write = (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else writeSync(fd, chunk);
    return true;
  };
  return { isTTY: false, write } as unknown as OutStream;
}

/** The real process: wires signals, runs, sets process.exitCode (never process.exit: stdout is flushed). */
export async function main(): Promise<void> {
  // `ticket check` (a probe, timed across a network): its connection's round trip overlaps start-up.
  const connecting = connectAhead(ticketCheckServer(process.argv.slice(2), process.env));
  if (connecting) await connecting;
  const plainStdout = plainOutput(1);
  const runtime = newRuntime({
    // process.stdin is built on first use (a pipe's costs loading net and streams): most commands never read it.
    streams: {
      get stdin() {
        return process.stdin;
      },
      stdinIsTTY: stdinIsTerminal(),
      stdout: plainStdout ?? process.stdout,
      stderr: plainOutput(2) ?? process.stderr,
    },
    env: process.env,
  });
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl-C skips clean-up
    interrupted = true;
    runtime.abort.abort(new CasctlError('interrupted', 'E_INTERRUPTED', `interrupted by ${signal}`));
    const cleanups = [...runtime.interruptHandlers].map(async (cleanup) => cleanup());
    const done = Promise.allSettled([...cleanups, removePendingTemps()]);
    const cap = new Promise((resolve) => setTimeout(resolve, 2_000).unref());
    void Promise.race([done, cap]).then(() => {
      process.stderr.write('interrupted\n');
      process.exit(EXIT.interrupted);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed stdout (`casctl … | head -1`) is not an error worth a stack trace.
  if (!plainStdout) process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const code = await run(process.argv.slice(2), { streams: runtime.streams, env: runtime.env, runtime });
  process.exitCode = code;
  // The command has finished and awaited all its work: long-lived handles (keep-alive sockets, stdin) must
  // not keep it alive, and leaving now, not a loop turn later, skips the idle-time garbage collection V8
  // has usually scheduled by then (about 1 ms). stdout and stderr are written synchronously on Linux
  // (files, pipes, terminals), so nothing written is lost.
  if (!interrupted) process.exit(code);
}
