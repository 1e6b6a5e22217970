/**
 * The root command: global flags, help, and the registration of every command family.
 * Loads commander and the cheap command definitions only; handlers are imported when they run.
 */
import { Command, Help } from 'commander';
import { registerCommands } from '../commands/index.js';
import { isSingleExecutable } from './build-info.js';
import type { Runtime } from './context.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

export const ENVIRONMENT_HELP = `Environment:
  CASCTL_DEBUG=1     print stack traces for unexpected errors (as --debug)
  CASCTL_NO_INPUT=1  never prompt (as --no-input)
  CASCTL_SERVER      CAS server URL for the ticket commands (as --server)
  NO_COLOR           no colors (any non-empty value); FORCE_COLOR=0..3 forces a level
  CI                 set by CI systems: no spinners`;

type MaybeTerminal = { isTTY?: boolean; columns?: number; hasColors?: () => boolean };
// undefined (no wrapping width) is what commander itself returns off a terminal, despite its typings
const terminalColumns = (stream: MaybeTerminal) => (stream.isTTY ? stream.columns : undefined) as number;
const terminalHasColors = (stream: MaybeTerminal) => Boolean(stream.isTTY && stream.hasColors?.());

// Said only by the single executable: where it differs from an npm install (what updates it, its Node).
const SINGLE_EXECUTABLE_HELP = `

This is the single executable (casctl-linux-x64, Node ${process.version} built in): it needs no Node.js
and is updated by replacing the file. Shell completions: casctl completion bash|zsh|fish.`;

export async function buildProgram(runtime: Runtime, version: string, argv: readonly string[], all = false): Promise<Command> {
  const program = new Command('casctl');
  program
    .description('Command-line toolkit for Apereo CAS operators: ACME certificates, OIDC keystores, JWKs, tickets, REST authentication, crypto keys.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command (help --man COMMAND: its manual page)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('-q, --quiet', 'print only the result (no progress, no warnings)')
    .option('--verbose', 'show what is sent and received (secrets redacted)')
    .option('--debug', 'show stack traces for unexpected errors')
    .option('--no-color', 'no colors (also NO_COLOR=1)')
    .option('--no-input', 'never prompt; fail with a usage error instead')
    .configureHelp({
      showGlobalOptions: true,
      // commander's sortSubcommands sorts with localeCompare, whose first call sets up ICU collation (~10 ms
      // of every --help); command names are ASCII, so a plain comparison gives the same order.
      visibleCommands(cmd) {
        return Help.prototype.visibleCommands.call(this, cmd).sort((a, b) => (a.name() < b.name() ? -1 : a.name() > b.name() ? 1 : 0));
      },
    })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.streams.stdout.write(text),
      writeErr: (text) => runtime.streams.stderr.write(text),
      // Width and colors from the same streams: commander's defaults read process.stdout, which creates it
      // (and loads node:stream) even when casctl writes to a file or /dev/null without it (main.ts).
      getOutHelpWidth: () => terminalColumns(runtime.streams.stdout),
      getErrHelpWidth: () => terminalColumns(runtime.streams.stderr),
      getOutHasColors: () => terminalHasColors(runtime.streams.stdout),
      getErrHasColors: () => terminalHasColors(runtime.streams.stderr),
      // main.ts renders parse errors itself (as text or JSON), so commander stays silent here.
      outputError: () => {},
    })
    // a function: node:sea is asked only when the help is shown
    .addHelpText(
      'after',
      () => `
Examples:
  Generate the 512-bit key a CAS *.crypto.*.key setting takes:
  $ casctl jwk-gen -t oct -s 512 --k-only

  Create the OIDC keystore CAS signs ID tokens with:
  $ casctl jwks generate --file /etc/cas/config/keystore.jwks

${EXIT_CODES_HELP}

${ENVIRONMENT_HELP}${isSingleExecutable() ? SINGLE_EXECUTABLE_HELP : ''}`,
    );
  await registerCommands(program, runtime, argv, all);
  return program;
}
