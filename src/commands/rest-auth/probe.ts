import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addEndpointOptions } from './options.js';

export function registerProbe(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('probe')
    .summary('send one login as CAS sends it and say what CAS concludes')
    .description(
      `Send what CAS's REST authentication handler sends: the method (POST), no body, and Authorization: Basic base64(utf8(username:encoded password)), with 5-second timeouts. Then say what CAS concludes: the principal id and attributes, or the exception it raises (401 FailedLogin, 403 AccountDisabled, 404 AccountNotFound, 412 AccountExpired, 423 AccountLocked, 428 AccountPasswordMustChange, anything else FailedLogin; a 200 CAS cannot read as a typed principal is FailedLogin too), with each X-CAS-Warning and the X-CAS-PasswordExpirationDate. The password never comes from the command line.`,
    );
  addEndpointOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  Log in as casuser, the password read from a file:
  $ casctl rest-auth probe --url https://auth.example.org/cas/authn -u casuser --password-file pw.txt

  As a CAS configured with password-encoder.type=DEFAULT and SHA-256:
  $ casctl rest-auth probe --url https://auth.example.org/cas/authn -u casuser --password-env CAS_PW \\
      --password-encoder default --encoding-algorithm SHA-256

  Take the URL, method and encoder from CAS's own configuration:
  $ casctl rest-auth probe --cas-config /etc/cas/config/cas.properties -u casuser --password-stdin < pw.txt

  Show the exchange (password and Authorization redacted):
  $ casctl --verbose rest-auth probe --url http://127.0.0.1:8088/ -u casuser --password-file pw.txt

Exit codes: 0 CAS would authenticate, 1 CAS would refuse (any exception), 2 usage,
3 unreadable file, 4 transport failure or timeout (CAS would have timed out too).`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runProbe } = await import('../../restauth/run.js');
        return runProbe(ctx, options as never);
      }),
    );
}
