import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import type { DecodeOptions } from './handlers.js';
import { addKeySourceOptions, KEY_SOURCES_HELP } from './options.js';

export function registerDecode(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('decode')
    .summary('verify, decrypt and show a token CAS produced (JWT ticket, registration token, TGC)')
    .description(
      "Verify and decrypt a value in CAS's cipher format: ENCRYPT_AND_SIGN (JWS over the JWE string) or SIGN_AND_ENCRYPT, dir + A256CBC-HS512/A128CBC-HS256, zip DEF, Base64 payloads with or without padding; also unsecured JWTs (crypto disabled). Prints the header(s) and claims and says precisely why a token fails: wrong signing key, wrong encryption key, truncated, expired (when), wrong issuer/audience. Exit 1 when the token does not verify or fails a check.",
    )
    .argument('[token]', "the token, or '-' to read it from standard input (the default when stdin is not a terminal)");
  addKeySourceOptions(command)
    .option('--expect-issuer <url>', 'fail unless iss is this (CAS: cas.server.prefix)')
    .option('--expect-audience <url>', 'fail unless aud contains this (service URL for JWT service tickets)')
    .addHelpText(
      'after',
      `
${KEY_SOURCES_HELP}

Examples:
  A JWT service ticket, with the keys from CAS's own configuration:
  $ casctl crypto decode --cas-config /etc/cas/config/cas.properties --feature token "$ST"

  A registration token from a mail, keys from files, issuer checked:
  $ pbpaste | casctl crypto decode - --signing-key-file sig.key --encryption-key-file enc.key \\
      --expect-issuer https://cas.example.org/cas

  The claims only, for a script:
  $ casctl crypto decode --feature token --json "$JWT" | jq .claims

Exit codes: 0 valid; 1 the token does not verify/decrypt, is malformed, expired or fails
--expect-*; 2 usage (e.g. a needed key not given); 3 a key or config file cannot be read.`,
    )
    .action(
      action<DecodeOptions>(runtime, async (ctx, opts, [token]) => {
        const { runDecode } = await import('./handlers.js');
        return runDecode(ctx, token, opts);
      }),
    );
}
