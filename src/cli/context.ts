/**
 * The Ctx handed to every command action: streams and terminal facts, output, prompts, secrets,
 * environment, and interruption hooks. Tests build one with buffers and explicit TTY flags.
 */
import { Output } from '../io/output.js';
import { Prompter } from '../io/prompt.js';
import { SecretReader } from '../io/secrets.js';
import { detectTerminal, type Env, type Streams, type Terminal } from '../io/terminal.js';

export interface GlobalOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  debug: boolean;
  /** false with --no-color */
  color: boolean;
  /** false with --no-input */
  input: boolean;
}

export interface Runtime {
  streams: Streams;
  env: Env;
  cwd: string;
  /** set by the action that ran; read by main */
  exitCode: number;
  /** clean-ups to run on Ctrl-C/SIGTERM before exiting 130 (close listeners, remove temp files) */
  interruptHandlers: Set<() => unknown>;
  /** aborted on Ctrl-C/SIGTERM */
  abort: AbortController;
  /** the output of the running command, once one exists */
  output?: Output;
}

export interface Ctx {
  env: Env;
  cwd: string;
  streams: Streams;
  terminal: Terminal;
  out: Output;
  prompt: Prompter;
  secrets: SecretReader;
  global: GlobalOptions;
  /** aborted when the user interrupts; long waits should listen to it */
  signal: AbortSignal;
  /** registers a clean-up for Ctrl-C/SIGTERM; returns a function that unregisters it */
  onInterrupt(cleanup: () => unknown): () => void;
}

export function globalOptionsFrom(raw: Record<string, unknown>, env: Env): GlobalOptions {
  return {
    json: raw.json === true,
    quiet: raw.quiet === true,
    verbose: raw.verbose === true,
    debug: raw.debug === true || env.CASCTL_DEBUG === '1',
    color: raw.color !== false,
    input: raw.input !== false,
  };
}

/**
 * Global flags read straight from argv, for the moments before (or without) a successful parse:
 * rendering a usage error as JSON, or with the right colors.
 */
export function globalOptionsFromArgv(argv: readonly string[], env: Env): GlobalOptions {
  const until = argv.indexOf('--');
  const args = until === -1 ? argv : argv.slice(0, until);
  return globalOptionsFrom(
    {
      json: args.includes('--json'),
      quiet: args.includes('--quiet') || args.includes('-q'),
      verbose: args.includes('--verbose'),
      debug: args.includes('--debug'),
      color: !args.includes('--no-color'),
      input: !args.includes('--no-input'),
    },
    env,
  );
}

export async function createOutput(runtime: Runtime, global: GlobalOptions): Promise<Output> {
  const terminal = detectTerminal(runtime.streams, runtime.env, global);
  return Output.create(runtime.streams.stdout, runtime.streams.stderr, terminal, {
    json: global.json,
    quiet: global.quiet,
    verbose: global.verbose,
  });
}

export async function createContext(runtime: Runtime, global: GlobalOptions): Promise<Ctx> {
  const out = await createOutput(runtime, global);
  runtime.output = out;
  const prompt = new Prompter(runtime.streams, out.terminal);
  return {
    env: runtime.env,
    cwd: runtime.cwd,
    streams: runtime.streams,
    terminal: out.terminal,
    out,
    prompt,
    secrets: new SecretReader(() => runtime.streams.stdin, runtime.env, prompt),
    global,
    get signal() {
      return runtime.abort.signal;
    },
    onInterrupt(cleanup) {
      runtime.interruptHandlers.add(cleanup);
      return () => runtime.interruptHandlers.delete(cleanup);
    },
  };
}
