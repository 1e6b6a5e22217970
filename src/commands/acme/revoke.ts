import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addCasConfigOption, addNetworkOptions } from '../../cli/options.js';
import { addCaOptions } from './ca-options.js';

export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'] as const;

export function registerRevoke(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('revoke')
    .summary('revoke a certificate at its CA')
    .description(
      'Ask the CA to revoke the leaf certificate of --chain (RFC 8555 section 7.6), signed with the account key that ordered it, or with the domain key (--with-domain-key), which works even when the account key is lost.',
    )
    .option('--chain <file>', 'the PEM chain whose leaf is revoked')
    .option('-d, --domain <name>', 'use the default directory of this domain')
    .addOption(new Option('--reason <reason>', 'revocation reason (RFC 5280)').choices([...REVOCATION_REASONS]).default('unspecified'));
  addCaOptions(command)
    .option('--account-key <file>', 'account key (default: the one casctl keeps for the CA)')
    .option('--domain-key <file>', 'domain key (default <dir>/domain.key)')
    .option('--with-domain-key', 'sign the request with the domain key instead of the account key')
    .option('--dir <dir>', 'directory of the domain files');
  addCasConfigOption(command);
  addNetworkOptions(command, 30);
  command
    .addHelpText(
      'after',
      `
Examples:
  Revoke after a key compromise, signed with the domain key:
  $ casctl acme revoke --production --chain /etc/cas/ssl/domain-chain.pem --domain-key /etc/cas/ssl/domain.key \\
      --with-domain-key --reason keyCompromise

  Revoke a superseded certificate with the account that ordered it:
  $ casctl acme revoke --production -d cas.example.org --reason superseded

Exit codes: 0 revoked, 1 the CA refused (already revoked, not authorized), 2 usage, 3 files, 4 network.`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runRevoke } = await import('./handlers.js');
        return runRevoke(ctx, options as never);
      }),
    );
}
