/**
 * Terminal facts in one object (as gh's IOStreams): which streams are TTYs, the color level of each
 * stream, whether we may prompt or spin. Everything else asks this object, never `process` directly,
 * so every decision is testable without a terminal.
 */
import type { Readable, Writable } from 'node:stream';

export type ColorLevel = 0 | 1 | 2 | 3;

export interface InStream extends Readable {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}
export interface OutStream extends Writable {
  isTTY?: boolean;
  getColorDepth?: (env?: Record<string, string | undefined>) => number;
}

export interface Streams {
  stdin: InStream;
  /** whether stdin is a terminal, when known without touching `stdin` (main.ts: process.stdin is made on first use) */
  stdinIsTTY?: boolean;
  stdout: OutStream;
  stderr: OutStream;
}

export type Env = Record<string, string | undefined>;

export interface TerminalFlags {
  /** false when --no-color was given */
  color?: boolean;
  /** false when --no-input was given */
  input?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export interface Terminal {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdoutColor: ColorLevel;
  stderrColor: ColorLevel;
  /** a prompt can be shown (on stderr) and answered (on stdin) */
  canPrompt: boolean;
  /** animated spinners are wanted on stderr */
  spinners: boolean;
}

const isSet = (value: string | undefined) => value !== undefined && value !== '';

/**
 * The color level for one stream. Order, as Node's own `hasColors()`: --no-color wins, then FORCE_COLOR
 * (forces a level even into a pipe), then NO_COLOR (any non-empty value), then not a TTY, then TERM=dumb.
 * chalk ignores NO_COLOR and looks only at stdout, hence this function.
 */
export function colorLevel(stream: OutStream, env: Env, flags: TerminalFlags = {}): ColorLevel {
  if (flags.color === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true' || force === '1') return 1;
    if (force === '2') return 2;
    if (force === '3') return 3;
    if (force === '0' || force === 'false') return 0;
    return 1;
  }
  if (isSet(env.NO_COLOR)) return 0;
  if (!stream.isTTY) return 0;
  if (env.TERM === 'dumb') return 0;
  const depth = stream.getColorDepth?.(env) ?? 4;
  if (depth >= 24) return 3;
  if (depth >= 8) return 2;
  if (depth >= 4) return 1;
  return 0;
}

export function detectTerminal(streams: Streams, env: Env, flags: TerminalFlags = {}): Terminal {
  const stdinIsTTY = streams.stdinIsTTY ?? streams.stdin.isTTY === true;
  const stdoutIsTTY = streams.stdout.isTTY === true;
  const stderrIsTTY = streams.stderr.isTTY === true;
  const noInput = flags.input === false || isSet(env.CASCTL_NO_INPUT);
  return {
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    stdoutColor: colorLevel(streams.stdout, env, flags),
    stderrColor: colorLevel(streams.stderr, env, flags),
    // Prompts are drawn on stderr so that stdout stays the product even while asking.
    canPrompt: stdinIsTTY && stderrIsTTY && !noInput,
    spinners: stderrIsTTY && !flags.json && !flags.quiet && !isSet(env.CI) && env.TERM !== 'dumb',
  };
}
