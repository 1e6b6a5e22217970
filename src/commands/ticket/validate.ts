import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addServerOptions, parseProtocol, type ServerOptions } from './shared.js';

interface ValidateOptions extends ServerOptions {
  service: string;
  ticket: string;
  protocol: 1 | 2 | 3;
  format: 'xml' | 'json';
  renew?: boolean;
}

export function registerValidate(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('validate')
    .summary('validate a service ticket and show the user and attributes')
    .description(
      'Validate a service ticket as the service would: /validate (protocol 1), /serviceValidate (2) or /p3/serviceValidate (3). The verdict comes from the answer body (CAS answers HTTP 200 to failures too); a rejected ticket prints CAS\'s code and description and exits 1.',
    )
    .requiredOption('-s, --service <url>', 'the service URL the ticket was issued for')
    .requiredOption('-t, --ticket <ticket>', 'the service ticket (ST-…) or proxy ticket')
    .option('--protocol <1|2|3>', 'CAS protocol version', parseProtocol, 3)
    .option('--format <format>', 'answer format asked of CAS for protocol 2/3: xml or json', 'xml')
    .option('--renew', 'accept only a ticket issued from a fresh login (renew=true)');
  command.options.find((o) => o.long === '--format')!.choices(['xml', 'json']);
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  Validate with CAS protocol 3 and show the released attributes:
  $ casctl ticket validate --server https://cas.example.org/cas -s https://app.example.org/ -t ST-1-abc

  Protocol 2 with the JSON answer format, as JSON:
  $ casctl ticket validate -s https://app.example.org/ -t ST-1-abc --protocol 2 --format json --json

  Get and validate a ticket in one pipeline:
  $ casctl ticket validate -s "$SVC" -t "$(casctl ticket st -s "$SVC" --tgt-file ~/.cas-tgt)"

Exit codes: 0 valid, 1 rejected (or an unreadable answer), 4 network/TLS/timeout.`,
    )
    .action(
      action<ValidateOptions>(runtime, async (ctx, opts) => {
        const { withSession, renderValidation } = await import('./runtime.js');
        if (opts.protocol === 1 && opts.format === 'json') {
          const { usageError } = await import('../../errors.js');
          throw usageError('E_USAGE', '--format json needs --protocol 2 or 3 (CAS 1.0 /validate answers plain text)');
        }
        return withSession(ctx, opts, async (session) => {
          const { validateTicket } = await import('../../tickets/validate.js');
          const result = await validateTicket(session.http, session.server, {
            service: opts.service,
            ticket: opts.ticket,
            protocol: opts.protocol,
            format: opts.format,
            renew: opts.renew,
          });
          return renderValidation(ctx, result);
        });
      }),
    );
}
