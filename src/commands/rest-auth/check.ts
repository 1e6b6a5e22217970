import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addSecretOptions } from '../../cli/options.js';
import { addEndpointOptions } from './options.js';

export function registerCheck(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('check')
    .summary("test an endpoint against CAS's contract (pass/fail table)")
    .description(
      `Run the contract CAS relies on against an endpoint: the good credentials authenticate and carry a typed principal; a wrong password is refused with 401 (not a 200 with an error body, not a 500); an unknown user gets 401 or 404; every answer comes within 2 s (warning) and the timeout (CAS's 5 s, failure); the success answer has a JSON content type. GET is not tested: CAS never sends it unless configured to. Without --wrong-password-… a wrong password is derived from the good one.`,
    );
  addEndpointOptions(command);
  addSecretOptions(command, 'wrong-password', 'wrong password');
  command
    .option('--unknown-user <name>', 'a username that does not exist (default: a random one)')
    .addHelpText(
      'after',
      `
Examples:
  Check the endpoint CAS is configured with:
  $ casctl rest-auth check --cas-config /etc/cas/config/cas.properties -u casuser --password-file pw.txt

  With an explicit wrong password and unknown user, as JSON for a monitoring job:
  $ casctl --json rest-auth check --url https://auth.example.org/cas/authn -u casuser \\
      --password-env CAS_PW --wrong-password-env CAS_BAD_PW --unknown-user nobody-here

Exit codes: 0 every check passed (warnings allowed), 1 a check failed (timeouts included), 2 usage,
3 unreadable file, 4 no request reached the endpoint (refused, DNS, TLS).`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runCheck } = await import('../../restauth/run.js');
        return runCheck(ctx, options as never);
      }),
    );
}
