import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addServerOptions, addTgtSourceOptions, type ServerOptions, type TgtSourceOptions } from './shared.js';

type LogoutOptions = ServerOptions & TgtSourceOptions;

export function registerLogout(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('logout')
    .summary('destroy a TGT (DELETE /v1/tickets/{TGT}), ending the SSO session')
    .description('Destroy a ticket-granting ticket. CAS 6+ runs single logout for the services it issued tickets to and lists those logout requests.');
  addTgtSourceOptions(command);
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  End the session a script opened, then remove the saved TGT:
  $ casctl ticket logout --server https://cas.example.org/cas --tgt-file ~/.cas-tgt && rm ~/.cas-tgt

  See the single-logout requests CAS sent:
  $ casctl ticket logout --tgt-env CAS_TGT --json | jq .logoutRequests`,
    )
    .action(
      action<LogoutOptions>(runtime, async (ctx, opts) => {
        const { withSession, readTgt } = await import('./runtime.js');
        return withSession(ctx, opts, async (session) => {
          const tgt = await readTgt(ctx, opts, session.secrets);
          const { destroyTgt } = await import('../../tickets/rest.js');
          const result = await destroyTgt(session.http, session.server, tgt);
          const n = result.logoutRequests.length;
          ctx.out.result(
            { ok: true, logoutRequests: result.logoutRequests },
            `logged out (${n} single-logout request${n === 1 ? '' : 's'})`,
          );
        });
      }),
    );
}
