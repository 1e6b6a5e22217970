import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addSecretOptions, parseInteger } from '../../cli/options.js';
import { addServerOptions, parseProtocol, PASSWORD_SOURCES_HELP, type PasswordOptions, type ServerOptions } from './shared.js';

export interface CheckOptions extends ServerOptions, PasswordOptions {
  username: string;
  service: string;
  via: 'rest' | 'login-form';
  protocol: 1 | 2 | 3;
  format: 'xml' | 'json';
  warnMs?: number;
  critMs?: number;
  nagios?: boolean;
}

export function registerCheck(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('check')
    .summary('synthetic login for monitoring: TGT → ST → validate → logout, timed')
    .description(
      'Run the login a monitoring system needs to see working: over REST (TGT, ST, validate, logout) or, with --via login-form, through the login page as a browser would (for servers without the REST module). Each step is timed; the SSO session is always ended.',
    )
    .requiredOption('-s, --service <url>', 'a service registered with CAS to get and validate a ticket for')
    .requiredOption('-u, --username <name>', 'the (test) user to log in as');
  addSecretOptions(command, 'password', 'password');
  command
    .option('--via <how>', 'rest (POST /v1/tickets) or login-form (GET/POST /login)', 'rest')
    .option('--protocol <1|2|3>', 'CAS protocol used to validate the ticket', parseProtocol, 3)
    .option('--format <format>', 'validation answer format asked for protocol 2/3: json (default: cheaper to read; XML answers are read too) or xml', 'json')
    .option('--warn-ms <ms>', 'WARNING when the whole login takes longer', parseInteger('--warn-ms', { min: 1 }))
    .option('--crit-ms <ms>', 'CRITICAL (exit 1 without --nagios) when the whole login takes longer', parseInteger('--crit-ms', { min: 1 }))
    .option('--nagios', 'print one Nagios/Icinga status line with performance data; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN');
  command.options.find((o) => o.long === '--via')!.choices(['rest', 'login-form']);
  command.options.find((o) => o.long === '--format')!.choices(['xml', 'json']);
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
${PASSWORD_SOURCES_HELP}

Examples:
  Check the REST login end to end:
  $ casctl ticket check --server https://cas.example.org/cas -s https://app.example.org/ -u probe --password-file /etc/casctl/probe-pw

  The same as a Nagios/Icinga plugin, WARNING above 800 ms, CRITICAL above 3 s:
  $ casctl ticket check -s https://app.example.org/ -u probe --password-file /etc/casctl/probe-pw --nagios --warn-ms 800 --crit-ms 3000

  A CAS without the REST module, through its login page, with a private CA:
  $ casctl ticket check -s https://app.example.org/ -u probe --password-env PROBE_PW --via login-form --ca-file /etc/ssl/private-ca.pem

  Every minute from cron, timings as JSON:
  * * * * * CASCTL_SERVER=https://cas.example.org/cas casctl ticket check -s https://app.example.org/ -u probe --password-file /etc/casctl/probe-pw --json >> /var/log/cas-check.jsonl

Exit codes: 0 passed; 1 a step was refused (or slower than --crit-ms); 2 usage; 4 network/TLS/timeout.
With --nagios: 0 OK, 1 WARNING (slower than --warn-ms), 2 CRITICAL (a step failed or slower than --crit-ms), 3 UNKNOWN (bad flags or local set-up).`,
    )
    .action(
      action<CheckOptions>(runtime, async (ctx, opts) => {
        const { runCheckCommand } = await import('./check-run.js');
        return runCheckCommand(ctx, opts);
      }),
    );
}
