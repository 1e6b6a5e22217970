import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addCasConfigOption, parseInteger } from '../../cli/options.js';

export function registerStatus(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('status')
    .summary('show a certificate chain: names, issuer, expiry, due or not')
    .description(
      'Read a PEM chain (leaf first) and show its names, issuer, validity and days left, and whether `casctl acme issue` would renew it. With --nagios: one status line with performance data and the exit codes monitoring systems expect (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).',
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
    .addHelpText(
      'after',
      `
Examples:
  Show the certificate CAS serves:
  $ casctl acme status --chain /etc/cas/ssl/domain-chain.pem

  As a Nagios/Icinga check:
  $ casctl acme status --cas-config /etc/cas/config/cas.properties --nagios --warn 21 --crit 7

Exit codes: 0 not due, 1 due for renewal, expired or unreadable, 2 usage, 3 file missing.
With --nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (file missing or unreadable).`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runStatus } = await import('./handlers.js');
        return runStatus(ctx, options as never);
      }),
    );
}
