import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addSecretOptions } from '../../cli/options.js';
import { addServerOptions, parseParam, PASSWORD_SOURCES_HELP, type PasswordOptions, type ServerOptions } from './shared.js';

interface TgtOptions extends ServerOptions, PasswordOptions {
  username: string;
  token?: boolean;
  param?: [string, string][];
  tgtOut?: string;
  force?: boolean;
}

export function registerTgt(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('tgt')
    .summary('get a ticket-granting ticket (POST /v1/tickets)')
    .description(
      'Log in over the CAS REST protocol and print the ticket-granting ticket (TGT) id, read from the Location header (or the body when there is none).',
    )
    .requiredOption('-u, --username <name>', 'the user to log in as');
  addSecretOptions(command, 'password', 'password');
  command
    .option('--token', 'ask for a JWT TGT (token=true; needs cas-server-support-rest-tokens)')
    .option('--param <name=value>', 'extra form field sent along (repeatable; CAS turns them into JWT claims)', parseParam)
    .option('--tgt-out <file>', 'write the TGT to this file (mode 0600) instead of printing it')
    .option('--force', 'replace an existing --tgt-out file');
  addServerOptions(command);
  command
    .addHelpText(
      'after',
      `
${PASSWORD_SOURCES_HELP}

Examples:
  Get a TGT with the password in a file, into a 0600 file for later commands:
  $ casctl ticket tgt --server https://cas.example.org/cas -u casuser --password-file ~/.cas-pw --tgt-out ~/.cas-tgt

  Ask for a JWT TGT carrying an extra claim, password from the environment:
  $ CASCTL_SERVER=https://cas.example.org/cas casctl ticket tgt -u casuser --password-env CAS_PW --token --param department=ops

  The same in a script, password on standard input, JSON out:
  $ printf '%s' "$PW" | casctl ticket tgt -u casuser --password-stdin --json | jq -r .tgt`,
    )
    .action(
      action<TgtOptions>(runtime, async (ctx, opts) => {
        const { withSession, readPassword } = await import('./runtime.js');
        return withSession(ctx, opts, async (session) => {
          const password = await readPassword(ctx, opts, session.secrets);
          const { createTgt } = await import('../../tickets/rest.js');
          const result = await createTgt(session.http, session.server, {
            username: opts.username,
            password,
            token: opts.token,
            params: opts.param,
          });
          session.secrets.add(result.tgt);
          for (const note of result.notes) ctx.out.warn(note);
          if (opts.tgtOut) {
            const { writeFileAtomic } = await import('../../io/files.js');
            await writeFileAtomic(opts.tgtOut, `${result.tgt}\n`, { mode: 0o600, overwrite: opts.force, what: 'TGT file' });
            ctx.out.success(`${result.jwt ? 'JWT ' : ''}TGT for ${opts.username} written to ${opts.tgtOut}`);
            ctx.out.result({ jwt: result.jwt, file: opts.tgtOut }, '');
            return;
          }
          ctx.out.result({ tgt: result.tgt, jwt: result.jwt, ...(result.location ? { location: result.location } : {}) }, result.tgt);
        });
      }),
    );
}
