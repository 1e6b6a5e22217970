/**
 * Flags that several commands share, defined once so that every command spells, parses and documents
 * them the same way: secret sources, network options, --cas-config, numeric values.
 */
import { InvalidArgumentError, type Command, type Option } from 'commander';
import type { SecretSources } from '../io/secrets.js';
import type { Ctx } from './context.js';

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** --<flag>-file F, --<flag>-env VAR, --<flag>-stdin: never the secret itself on argv. */
export function addSecretOptions(command: Command, flag: string, label: string): Command {
  return command
    .option(`--${flag}-file <file>`, `read the ${label} from a file (one trailing newline is ignored)`)
    .option(`--${flag}-env <var>`, `read the ${label} from an environment variable`)
    .option(`--${flag}-stdin`, `read the ${label} from standard input`);
}

export function secretSources(options: Record<string, unknown>, flag: string): SecretSources {
  const key = camel(flag);
  return {
    file: options[`${key}File`] as string | undefined,
    env: options[`${key}Env`] as string | undefined,
    stdin: options[`${key}Stdin`] === true,
  };
}

export interface NetworkOptions {
  caFile?: string;
  insecure?: boolean;
  timeout: number;
}

export function addNetworkOptions(command: Command, defaultTimeoutSeconds = 10): Command {
  return command
    .option('--ca-file <pem>', 'trust this CA (PEM) in addition to the system store')
    .option('--insecure', 'do not verify TLS certificates (testing only; prints a warning)')
    .option('--timeout <seconds>', 'timeout of each request', parseSeconds('--timeout'), defaultTimeoutSeconds);
}

export function addCasConfigOption(command: Command): Command {
  return command.option('--cas-config <file>', "take defaults from CAS's own cas.properties or application.yml");
}

/** Builds the HTTP client for a command's network options; --verbose lines go through `redact`. */
export async function httpClientFor(ctx: Ctx, options: NetworkOptions, redact?: (text: string) => string) {
  if (options.insecure) ctx.out.warn('TLS certificate verification is disabled (--insecure)');
  const { createHttpClient } = await import('../io/http.js');
  return createHttpClient({
    caFile: options.caFile,
    insecure: options.insecure,
    timeoutMs: options.timeout * 1000,
    log: ctx.out.verbose ? (line) => ctx.out.debug(line) : undefined,
    redact,
  });
}

export function parseSeconds(flag: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
      throw new InvalidArgumentError(`${flag} takes a positive number of seconds, got '${value}'`);
    }
    return number;
  };
}

export function parseInteger(flag: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} takes a whole number, got '${value}'`);
    const number = Number(value);
    if (number < min || number > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, got ${value}`);
    return number;
  };
}

/** Repeatable flags (`-d a -d b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Values shell completion offers for an option that validates them itself (so commander's
 * `.choices()`, whose error text would replace the command's own, is not used).
 */
export const completionValues = new WeakMap<Option, readonly string[]>();

export function suggestValues(command: Command, flag: string, values: readonly string[]): Command {
  const option = command.options.find((o) => o.long === flag || o.short === flag);
  if (!option) throw new Error(`internal: no option ${flag} to suggest values for`);
  completionValues.set(option, values);
  return command;
}
