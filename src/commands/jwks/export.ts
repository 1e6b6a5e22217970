import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addTargetOptions, STATE_CHOICES, type TargetFlags } from './common.js';

interface ExportFlags extends TargetFlags {
  state?: 'current' | 'future' | 'previous';
  out?: string;
  force?: boolean;
}

export function registerExport(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('export')
    .summary("print the public JWKS as CAS's /oidc/jwks endpoint publishes it")
    .description(
      `The public keys as CAS's /oidc/jwks endpoint publishes them: every key of every state (or one state with --state, like /oidc/jwks?state=…), private members removed, symmetric (oct) keys never published.`,
    );
  addTargetOptions(command)
    .addOption(new Option('--state <state>', 'only keys in this state').choices(STATE_CHOICES))
    .option('--out <file>', 'write the JWKS to a file (0644) instead of stdout')
    .option('--force', 'replace an existing --out file')
    .addHelpText(
      'after',
      `
Examples:
  The JWKS relying parties can verify ID tokens with:
  $ casctl jwks export --file /etc/cas/config/keystore.jwks

  Only the keys CAS uses now, into a file a web server publishes:
  $ casctl jwks export --file keystore.jwks --state current --out /var/www/jwks.json --force`,
    )
    .action(
      action<ExportFlags>(runtime, async (ctx, opts) => {
        const { exportKeystore } = await import('../../jwks/export.js');
        const result = await exportKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        if (result.out !== undefined) {
          ctx.out.result({ file: result.file, out: result.out, keys: result.jwks.keys.length }, '');
          ctx.out.success(`wrote ${result.jwks.keys.length} public key${result.jwks.keys.length === 1 ? '' : 's'} to ${result.out}`);
          return;
        }
        // The product is the JWKS itself, with or without --json.
        ctx.out.result(result.jwks, JSON.stringify(result.jwks, null, 2));
      }),
    );
}
