import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import type { KeysOptions } from '../crypto/handlers.js';
import { encOption, strategyOption } from '../crypto/options.js';

/** The feature `account keys` stands for: `crypto keys --feature account-registration`, same handler. */
export const ACCOUNT_FEATURE = 'account-registration';

export function registerKeys(account: Command, runtime: Runtime): void {
  account
    .command('keys')
    .summary('mint the account-registration token keys (= crypto keys --feature account-registration)')
    .description(
      'Generate cas.account-registration.core.crypto.signing.key and .encryption.key, of the kind and size CAS ' +
        'uses (signing 512 bits; encryption 512 bits for A256CBC-HS512, or 256 with --enc A128CBC-HS256 for CAS ' +
        'before 7.3), as lines CAS loads unchanged. Same as `casctl crypto keys --feature account-registration`.',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['properties', 'yaml', 'env']).default('properties'))
    .addOption(encOption('JWE content encryption the key is for (sets its size; A128CBC-HS256 for CAS before 7.3)'))
    .addOption(strategyOption())
    .option('--out <file>', 'write to this file (mode 0600) instead of standard output')
    .option('--force', 'replace an existing --out file')
    .addHelpText(
      'after',
      `
Environment names follow Spring Boot's relaxed binding (CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY).

Examples:
  Append fresh keys to cas.properties:
  $ casctl account keys >> /etc/cas/config/cas.properties

  Keys for a CAS older than 7.3 (A128CBC-HS256, 256-bit encryption key), as a private environment file:
  $ casctl account keys --enc A128CBC-HS256 --format env --out /etc/cas/registration-keys.env`,
    )
    .action(
      action<Omit<KeysOptions, 'feature' | 'list'>>(runtime, async (ctx, options) => {
        const { runKeys } = await import('../crypto/handlers.js');
        await runKeys(ctx, { ...options, feature: ACCOUNT_FEATURE });
      }),
    );
}
