import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addCasConfigOption, addNetworkOptions } from '../../cli/options.js';
import { addCaOptions } from './ca-options.js';

export function registerProfiles(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('profiles')
    .summary("list the certificate profiles the CA offers (for acme issue --profile)")
    .description(
      "Read the CA's ACME directory and list the certificate profiles it offers (draft-ietf-acme-profiles: meta.profiles), each with the CA's description. Let's Encrypt offers classic (90 days), tlsserver and shortlived (about 6 days).",
    );
  addCaOptions(command);
  addCasConfigOption(command);
  addNetworkOptions(command, 30);
  command
    .addHelpText(
      'after',
      `
Examples:
  The profiles of Let's Encrypt:
  $ casctl acme profiles --production

  The same list as JSON, from a private CA:
  $ casctl --json acme profiles --server https://acme.example.net/directory --ca-file ca.pem

Exit codes: 0 listed (an empty list when the CA offers none), 2 usage, 3 files, 4 CA unreachable.`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runProfiles } = await import('./handlers.js');
        return runProfiles(ctx, options as never);
      }),
    );
}
