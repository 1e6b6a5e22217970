import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import type { TokenDecodeInput as TokenDecodeOptions } from '../../account/token-decode.js';
import { addCasConfigOption } from '../../cli/options.js';

export function registerToken(account: Command, runtime: Runtime): void {
  const token = account.command('token').summary('account-registration activation tokens').description('Read the activation tokens CAS puts in registration links.');
  const decode = token
    .command('decode')
    .summary('decode a registration token and say whether CAS would accept it now')
    .description(
      'Verify and decrypt an account-registration token with the cas.account-registration.core.crypto.* keys, ' +
        'print its claims (iss, aud, sub, exp, origin, client, jti and the registration fields) and check it as ' +
        'CAS does (DefaultAccountRegistrationService#validateToken): iss and the first aud equal the CAS prefix, ' +
        'sub is not blank, origin/client equal the server/client IP (when given), exp is not past.',
    )
    .argument('<token>', 'the token (the value CAS stored for the activation link); - reads standard input')
    .option('--server <prefix>', 'the CAS prefix (cas.server.prefix), e.g. https://sso.example.org/cas')
    .option('--signing-key-file <file>', 'read the signing key (…crypto.signing.key) from a file')
    .option('--signing-key-env <var>', 'read the signing key from an environment variable')
    .option('--encryption-key-file <file>', 'read the encryption key (…crypto.encryption.key) from a file')
    .option('--encryption-key-env <var>', 'read the encryption key from an environment variable')
    .option('--client-ip <ip>', 'compare the client claim with this client IP address')
    .option('--server-ip <ip>', 'compare the origin claim with this server IP address');
  addCasConfigOption(decode);
  decode
    .addHelpText(
      'after',
      `
Keys and prefix come from --cas-config (cas.account-registration.core.crypto.signing.key/encryption.key,
crypto.enabled, crypto.strategy-type, include-client/server-ip-address, cas.server.prefix); the key flags and
--server override it. Keys are never taken from the command line itself.

Examples:
  Check a token with the settings CAS runs with:
  $ casctl account token decode --cas-config /etc/cas/config/cas.properties "$TOKEN"

  With the keys in the environment, from a pipe, also checking the IP addresses:
  $ echo "$TOKEN" | casctl account token decode - --server https://sso.example.org/cas \\
      --signing-key-env REG_SIGNING_KEY --encryption-key-env REG_ENCRYPTION_KEY \\
      --client-ip 203.0.113.7 --server-ip 10.0.0.5

Exit codes:
  0  CAS would accept the token now
  1  CAS would reject it (wrong issuer/audience, expired, no subject, IP mismatch, bad signature,
     wrong encryption key, damaged or truncated token)
  2  usage: no CAS prefix, a key needed but not given
  3  a --cas-config or key file cannot be read, or a key value is unusable`,
    )
    .action(
      action<TokenDecodeOptions>(runtime, async (ctx, options, [tokenArg]) => {
        const { runTokenDecode } = await import('../../account/token-decode.js');
        const report = await runTokenDecode(ctx, options, tokenArg!);
        const { formatTokenReport } = await import('../../account/token.js');
        ctx.out.result(report, (paint) => formatTokenReport(report, paint));
        return report.accepted ? 0 : 1;
      }),
    );
}
