import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addSecretOptions } from '../../cli/options.js';
import {
  addServerOptions,
  addTgtSourceOptions,
  PASSWORD_SOURCES_HELP,
  type PasswordOptions,
  type ServerOptions,
  type TgtSourceOptions,
} from './shared.js';

interface StOptions extends ServerOptions, PasswordOptions, TgtSourceOptions {
  service: string;
  renew?: boolean;
}

export function registerSt(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('st')
    .summary('get a service ticket for a service (POST /v1/tickets/{TGT})')
    .description(
      'Ask CAS for a service ticket (ST) for --service, with an existing TGT or by logging in first with --username. Services registered with jwtAsServiceTicket get a JWT, printed as is.',
    )
    .requiredOption('-s, --service <url>', 'the service URL the ticket is for (must be registered with CAS)');
  addTgtSourceOptions(command);
  command.option('-u, --username <name>', 'log in as this user (no TGT given), or the user to re-authenticate with --renew');
  addSecretOptions(command, 'password', 'password');
  command.option('--renew', 'send the credentials again (renew=true): CAS authenticates afresh instead of reusing the TGT');
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
${PASSWORD_SOURCES_HELP}

Examples:
  A service ticket from a TGT saved by 'ticket tgt --tgt-out':
  $ casctl ticket st --server https://cas.example.org/cas --tgt-file ~/.cas-tgt -s https://app.example.org/

  Log in and get a ticket in one go (the TGT stays valid until CAS expires it):
  $ casctl ticket st -s https://app.example.org/ -u casuser --password-env CAS_PW

  A ticket that proves a fresh login (renew=true):
  $ casctl ticket st -s https://app.example.org/ --tgt-env CAS_TGT --renew -u casuser --password-file ~/.cas-pw`,
    )
    .action(
      action<StOptions>(runtime, async (ctx, opts) => {
        const { checkStOptions, hasTgtSource, withSession, readPassword, readTgt } = await import('./runtime.js');
        checkStOptions(opts);
        return withSession(ctx, opts, async (session) => {
          const rest = await import('../../tickets/rest.js');
          let tgt: string;
          let password: string | undefined;
          if (hasTgtSource(opts)) {
            tgt = await readTgt(ctx, opts, session.secrets);
          } else {
            password = await readPassword(ctx, opts, session.secrets);
            tgt = (await rest.createTgt(session.http, session.server, { username: opts.username!, password })).tgt;
            session.secrets.add(tgt);
          }
          if (opts.renew) password ??= await readPassword(ctx, opts, session.secrets);
          const st = await rest.createSt(session.http, session.server, tgt, {
            service: opts.service,
            renew: opts.renew ? { username: opts.username!, password: password! } : undefined,
          });
          if (st.jwt) ctx.out.info('CAS issued the service ticket as a JWT (the service has jwtAsServiceTicket=true)');
          ctx.out.result({ ticket: st.ticket, jwt: st.jwt, service: st.service }, st.ticket);
        });
      }),
    );
}
