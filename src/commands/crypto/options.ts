/**
 * Flags shared by `crypto decode` and `crypto encode`: where the feature's keys come from. Keys are
 * secrets: files, environment variables or stdin, never argv values.
 */
import { Option, type Command } from 'commander';
import { addCasConfigOption, addSecretOptions } from '../../cli/options.js';

export interface KeySourceOptions {
  casConfig?: string;
  feature?: string;
  signingKeyFile?: string;
  signingKeyEnv?: string;
  signingKeyStdin?: boolean;
  encryptionKeyFile?: string;
  encryptionKeyEnv?: string;
  encryptionKeyStdin?: boolean;
}

export const ENC_CHOICES = ['A256CBC-HS512', 'A192CBC-HS384', 'A128CBC-HS256', 'A256GCM', 'A192GCM', 'A128GCM'];
export const STRATEGY_CHOICES = ['ENCRYPT_AND_SIGN', 'SIGN_AND_ENCRYPT'];

export function addKeySourceOptions(command: Command): Command {
  command.option('--feature <name>', 'the CAS feature whose keys to use (token, account-registration, tgc, …; see crypto keys --list)');
  addCasConfigOption(command);
  addSecretOptions(command, 'signing-key', 'signing key');
  addSecretOptions(command, 'encryption-key', 'encryption key');
  return command;
}

export const strategyOption = () =>
  new Option('--strategy <type>', 'cipher strategy (CAS strategy-type)').choices(STRATEGY_CHOICES);
export const encOption = (what: string) => new Option('--enc <alg>', what).choices(ENC_CHOICES);

export const KEY_SOURCES_HELP = `Keys (secrets: never given as values on the command line), first match wins:
  --signing-key-file F / --signing-key-env VAR / --signing-key-stdin   (and the same for --encryption-key-…)
  --cas-config FILE --feature NAME   the <prefix>.crypto.signing.key / .encryption.key CAS itself reads
  --feature NAME alone               CAS's environment variables, e.g. CAS_AUTHN_TOKEN_CRYPTO_SIGNING_KEY`;
