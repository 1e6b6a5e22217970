/** Flags every ticket command shares (definitions only: nothing here runs a request). */
import { InvalidArgumentError, type Command } from 'commander';
import { addNetworkOptions, type NetworkOptions } from '../../cli/options.js';

export interface ServerOptions extends NetworkOptions {
  server?: string;
}

export interface TgtSourceOptions {
  tgt?: string;
  tgtFile?: string;
  tgtEnv?: string;
}

export interface PasswordOptions {
  username?: string;
  passwordFile?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
}

export function addServerOptions(command: Command): Command {
  command.option('--server <url>', 'CAS prefix, e.g. https://cas.example.org/cas (default: $CASCTL_SERVER)');
  return addNetworkOptions(command);
}

export function addTgtSourceOptions(command: Command): Command {
  return command
    .option('--tgt <tgt>', 'the ticket-granting ticket (visible in the process list: prefer --tgt-file or --tgt-env)')
    .option('--tgt-file <file>', 'read the TGT from a file (one trailing newline is ignored), e.g. one written by `ticket tgt --tgt-out`')
    .option('--tgt-env <var>', 'read the TGT from an environment variable');
}

export function parseProtocol(value: string): 1 | 2 | 3 {
  if (value === '1' || value === '2' || value === '3') return Number(value) as 1 | 2 | 3;
  throw new InvalidArgumentError(`--protocol takes 1, 2 or 3, got '${value}'`);
}

export function parseParam(value: string, previous: [string, string][] | undefined): [string, string][] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`--param takes name=value, got '${value}'`);
  const name = value.slice(0, eq);
  if (['username', 'password', 'token'].includes(name)) {
    throw new InvalidArgumentError(`--param cannot set '${name}' (use --username, a password source or --token)`);
  }
  return [...(previous ?? []), [name, value.slice(eq + 1)]];
}

export const PASSWORD_SOURCES_HELP = `Password sources (never a plain argument, which the process list would show); give one:
  --password-file F    a file (e.g. 0600, or a mounted secret); one trailing newline is dropped
  --password-stdin     standard input
  --password-env VAR   an environment variable (visible in /proc/<pid>/environ: prefer a file)
  (none)               a hidden prompt, only when stdin and stderr are a terminal; otherwise exit 2`;
