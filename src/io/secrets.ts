/**
 * Secrets (passwords, HMAC/AES keys, EAB keys) never come from argv, where `ps` and shell history see
 * them. Sources, in this order: `--<name>-file F`, `--<name>-stdin`, `--<name>-env VAR`, a hidden prompt
 * on a TTY; otherwise a usage error naming the flags.
 */
import { inputError, usageError } from '../errors.js';
import { readTextFile } from './files.js';
import type { Prompter } from './prompt.js';
import type { Env, InStream } from './terminal.js';

export interface SecretSources {
  file?: string;
  stdin?: boolean;
  /** name of the environment variable that holds the secret */
  env?: string;
}

export interface SecretRequest {
  /** flag stem, e.g. "password" → --password-file, --password-stdin, --password-env */
  flag: string;
  /** what the secret is, for messages and the prompt ("password for casuser") */
  label: string;
  sources: SecretSources;
  /** environment variable read when no source flag is given (documented as the weaker choice) */
  fallbackEnv?: string;
  /** false: never prompt even on a TTY (e.g. a key that nobody types) */
  prompt?: boolean;
  /** keep the value as given (no trailing newline stripped), e.g. binary-ish keys */
  raw?: boolean;
}

export interface SecretSource {
  value: string;
  /** where it came from, safe to print ("file /run/secrets/pw", "env CAS_PW", "stdin", "prompt") */
  origin: string;
}

/** One trailing newline is what `echo` and editors add; it is never part of a secret. */
export function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

export async function readStdinText(stdin: InStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export class SecretReader {
  private stdinUsed = false;

  constructor(
    /** or a function giving it: process.stdin is built on first use, and most commands never read it */
    private readonly stdinSource: InStream | (() => InStream),
    private readonly env: Env,
    private readonly prompter: Prompter,
  ) {}

  private get stdin(): InStream {
    return typeof this.stdinSource === 'function' ? this.stdinSource() : this.stdinSource;
  }

  /** true when some source was named on the command line or by the fallback variable */
  has(request: SecretRequest): boolean {
    const { file, stdin, env } = request.sources;
    return Boolean(file || stdin || env || (request.fallbackEnv && this.env[request.fallbackEnv] !== undefined));
  }

  async read(request: SecretRequest): Promise<SecretSource> {
    const { flag, label, sources } = request;
    const given = [sources.file && 'file', sources.stdin && 'stdin', sources.env && 'env'].filter(Boolean);
    if (given.length > 1) {
      throw usageError('E_USAGE', `give the ${label} one way only: --${flag}-file, --${flag}-stdin or --${flag}-env`);
    }
    const finish = (value: string, origin: string): SecretSource => {
      const text = request.raw ? value : stripOneNewline(value);
      if (text === '') throw inputError('E_SECRET_EMPTY', `the ${label} from ${origin} is empty`);
      return { value: text, origin };
    };
    if (sources.file) {
      return finish(await readTextFile(sources.file, `${label} file`), `file ${sources.file}`);
    }
    if (sources.stdin) {
      if (this.stdinUsed) throw usageError('E_USAGE', 'standard input can supply only one secret');
      if (this.stdin.isTTY && !this.prompter.canPrompt) {
        throw usageError('E_INPUT_REQUIRED', `--${flag}-stdin needs the ${label} piped in`);
      }
      this.stdinUsed = true;
      return finish(await readStdinText(this.stdin), 'stdin');
    }
    const envName = sources.env ?? (request.fallbackEnv && this.env[request.fallbackEnv] !== undefined ? request.fallbackEnv : undefined);
    if (envName) {
      const value = this.env[envName];
      if (value === undefined) {
        throw usageError('E_SECRET_ENV_UNSET', `environment variable ${envName} (for the ${label}) is not set`, {
          hint: `export ${envName}, or use --${flag}-file`,
        });
      }
      return finish(value, `env ${envName}`);
    }
    const flags = `--${flag}-file F, --${flag}-stdin or --${flag}-env VAR`;
    if (request.prompt === false || !this.prompter.canPrompt) {
      throw usageError('E_INPUT_REQUIRED', `the ${label} is required`, {
        hint: `pass ${flags} (secrets are never taken from the command line)`,
      });
    }
    const value = await this.prompter.password(`${capitalize(label)}:`, { flag: flags });
    return finish(value, 'prompt');
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
