import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import type { KeysOptions } from './handlers.js';
import { encOption, strategyOption } from './options.js';

export function registerKeys(parent: Command, runtime: Runtime): void {
  parent
    .command('keys')
    .summary("generate a feature's signing and encryption keys as CAS settings")
    .description(
      "Generate both keys of a CAS feature, of the kind and size CAS's source uses for it: signing 512 bits (86 base64url characters, used by CAS as HMAC-SHA512 text); encryption 512 bits for A256CBC-HS512 (the current default) or 256 with --enc A128CBC-HS256 (CAS before 7.3); webflow takes a random 128-bit AES key instead. Prints lines CAS loads unchanged, plus the alg/strategy-type settings when they differ from the newest defaults.",
    )
    .option('--feature <name>', 'the feature (see --list): token, account-registration, tgc, webflow, …')
    .addOption(new Option('--format <format>', 'output format').choices(['properties', 'yaml', 'env']).default('properties'))
    .addOption(encOption('JWE content encryption the key is for (sets its size; A128CBC-HS256 for CAS before 7.3)'))
    .addOption(strategyOption())
    .option('--out <file>', 'write to this file (mode 0600) instead of standard output')
    .option('--force', 'replace an existing --out file')
    .option('--list', 'list the features, their setting prefixes and key sizes')
    .addHelpText(
      'after',
      `
Environment names follow Spring Boot's relaxed binding: upper case, '.' → '_', dashes dropped
(CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY).

Examples:
  Keys for JWT service tickets, to append to cas.properties:
  $ casctl crypto keys --feature token >> /etc/cas/config/cas.properties

  Account registration keys as a private YAML file (never overwritten without --force):
  $ casctl crypto keys --feature account-registration --format yaml --out /etc/cas/config/acct-keys.yml

  An environment file for systemd or docker, for a CAS older than 7.3:
  $ casctl crypto keys --feature tgc --enc A128CBC-HS256 --format env --out /etc/cas/tgc.env

  Which features casctl knows:
  $ casctl crypto keys --list`,
    )
    .action(
      action<KeysOptions>(runtime, async (ctx, opts) => {
        const { runKeys } = await import('./handlers.js');
        await runKeys(ctx, opts);
      }),
    );
}
