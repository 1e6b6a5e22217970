import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addCasConfigOption, addNetworkOptions, parseInteger } from '../../cli/options.js';

export function registerStatus(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('status')
    .summary('show a certificate chain: names, issuer, expiry, renewal window, due or not')
    .description(
      "Read a PEM chain (leaf first) and show its names, issuer, validity and days left, its profile, and whether `casctl acme issue` would renew it. When the CA offers ACME Renewal Information (RFC 9773), the CA's renewal window and the renewal time casctl picks in it are shown: from the state file beside the chain while its answer is fresh, else asked of --server or of the CA remembered there. With --nagios: one status line with performance data and the exit codes monitoring systems expect (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
    )
    .option('--chain <file>', 'the PEM chain (cas.acme.domain-chain.location)')
    .option('-d, --domain <name>', 'find the chain in the default directory of this domain');
  addCasConfigOption(command);
  command
    .option('--dir <dir>', 'directory holding domain-chain.pem')
    .option('--days <n>', 'renewal threshold in days (default: a third of the lifetime)', parseInteger('--days', { min: 0, max: 3650 }))
    .option('--nagios', 'Nagios/Icinga plugin output and exit codes')
    .option('--warn <days>', 'with --nagios: WARNING below this many days', parseInteger('--warn', { min: 0, max: 3650 }), 30)
    .option('--crit <days>', 'with --nagios: CRITICAL below this many days', parseInteger('--crit', { min: 0, max: 3650 }), 14)
    .option('--server <url>', 'ask this CA for the renewal window (default: the CA remembered beside the chain)')
    .option('--no-ari', "do not ask the CA's renewal information: the lifetime rule alone");
  addNetworkOptions(command, 10);
  command
    .addHelpText(
      'after',
      `
Examples:
  Show the certificate CAS serves:
  $ casctl acme status --chain /etc/cas/ssl/domain-chain.pem

  As a Nagios/Icinga check:
  $ casctl acme status --cas-config /etc/cas/config/cas.properties --nagios --warn 21 --crit 7

  The CA's renewal window (ARI) of a certificate from a private CA:
  $ casctl acme status --chain /etc/cas/ssl/domain-chain.pem --server https://acme.example.net/directory --ca-file ca.pem

Exit codes: 0 not due, 1 due for renewal, expired or unreadable, 2 usage, 3 file missing.
With --nagios: 0 OK, 1 WARNING (the renewal time casctl picked in the CA's window has passed, the lifetime
rule says due, or fewer than --warn days left), 2 CRITICAL (the CA's renewal window has ended, expired, or
fewer than --crit days left), 3 UNKNOWN (file missing or unreadable). ARI failures are a warning on stderr.`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runStatus } = await import('./handlers.js');
        return runStatus(ctx, options as never);
      }),
    );
}
