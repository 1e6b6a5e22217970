import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addServerOptions, addTgtSourceOptions, type ServerOptions, type TgtSourceOptions } from './shared.js';

type StatusOptions = ServerOptions & TgtSourceOptions;

export function registerStatus(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('status')
    .summary('is a TGT still alive? (GET /v1/tickets/{TGT}; exit 0 alive, 1 not)')
    .description('Ask CAS whether a ticket-granting ticket is still valid. Exits 0 when it is, 1 when CAS does not know it (expired, logged out).');
  addTgtSourceOptions(command);
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  Reuse a saved TGT only while it lives:
  $ casctl ticket status --server https://cas.example.org/cas --tgt-file ~/.cas-tgt || casctl ticket tgt -u casuser --password-file ~/.cas-pw --tgt-out ~/.cas-tgt --force

  As JSON:
  $ casctl ticket status --tgt-env CAS_TGT --json

Exit codes: 0 alive, 1 unknown or expired, 4 network/TLS/timeout.`,
    )
    .action(
      action<StatusOptions>(runtime, async (ctx, opts) => {
        const { withSession, readTgt } = await import('./runtime.js');
        return withSession(ctx, opts, async (session) => {
          const tgt = await readTgt(ctx, opts, session.secrets);
          const { ticketStatus } = await import('../../tickets/rest.js');
          const status = await ticketStatus(session.http, session.server, tgt);
          ctx.out.result({ ok: status.alive, alive: status.alive }, (paint) =>
            status.alive ? paint.green('alive') : paint.red('not found (expired or logged out)'),
          );
          return status.alive ? 0 : 1;
        });
      }),
    );
}
