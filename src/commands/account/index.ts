/**
 * `casctl account`: CAS's self-service account registration (cas-server-support-account-mgmt): the
 * registration-properties file, the token crypto keys, and the activation tokens.
 */
import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerKeys } from './keys.js';
import { registerLint } from './lint.js';
import { registerNewProperties } from './new-properties.js';
import { registerToken } from './token.js';

export function register(program: Command, runtime: Runtime): void {
  const account = program
    .command('account')
    .summary('self-service account registration: properties file, keys, tokens')
    .description(
      "Tools for CAS's account (self-service) registration: check and create the registration-properties file, " +
        'mint the cas.account-registration.core.crypto.* keys, and decode activation tokens.',
    );
  registerLint(account, runtime);
  registerNewProperties(account, runtime);
  registerKeys(account, runtime);
  registerToken(account, runtime);
}
