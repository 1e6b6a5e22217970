/** Flags probe and check share: the endpoint, the password encoder, CAS's configuration. */
import type { Command } from 'commander';
import { addCasConfigOption, addNetworkOptions, addSecretOptions, parseInteger } from '../../cli/options.js';

export function addEndpointOptions(command: Command): Command {
  command
    .option('--url <url>', 'the endpoint (cas.authn.rest[].uri)')
    .requiredOption('-u, --username <name>', 'the username, as CAS passes it (after its principal transformation)')
    .option('--method <method>', 'HTTP method (cas.authn.rest[].method, CAS 7+; default POST)');
  addSecretOptions(command, 'password', 'password');
  command
    .option(
      '--password-encoder <type>',
      'cas.authn.rest[].password-encoder.type: none, default, glibc-crypt (bcrypt, pbkdf2, scrypt, ssha, standard, argon2 are salted at random and cannot be reproduced)',
    )
    .option('--encoding-algorithm <alg>', 'default: MD5, SHA-1, SHA-256, SHA-512; glibc-crypt: MD5, SHA-256, SHA-512')
    .option('--character-encoding <charset>', 'default encoder: charset of the password bytes (default UTF-8)')
    .option('--encoder-strength <n>', 'glibc-crypt: rounds (password-encoder.strength, default 16, at least 1000 applied)', parseInteger('--encoder-strength', { min: 1 }));
  addSecretOptions(command, 'encoder-secret', 'password encoder secret (glibc-crypt salt)');
  addCasConfigOption(command);
  command.option('--handler <n>', 'which cas.authn.rest[N] entry of --cas-config (default 0)', parseInteger('--handler', { min: 0, max: 99 }));
  return addNetworkOptions(command, 5);
}
