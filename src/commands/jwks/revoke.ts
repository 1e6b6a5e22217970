import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addActuatorOptions, addTargetOptions, runActuator, type ActuatorFlags, type TargetFlags } from './common.js';

interface RevokeFlags extends TargetFlags, ActuatorFlags {
  dryRun?: boolean;
}

export function registerRevoke(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('revoke')
    .summary('remove every previous key, as CAS revocation does')
    .description(
      `CAS's revocation: every key in state previous (2) is removed. Nothing else changes. Runs under a lock, keeps <file>.bak, replaces the file atomically; with no previous key the file is left untouched.`,
    );
  addTargetOptions(command)
    .option('--dry-run', 'print what would be removed; write nothing');
  addActuatorOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  Remove the keys retired by the last rotation:
  $ casctl jwks revoke --file /etc/cas/config/keystore.jwks

  Ask the running CAS to revoke (its oidcJwks actuator endpoint):
  $ casctl jwks revoke --actuator https://cas.example.org/cas

  List what would go:
  $ casctl jwks revoke --file keystore.jwks --dry-run`,
    )
    .action(
      action<RevokeFlags>(runtime, async (ctx, opts) => {
        if (opts.actuator !== undefined) {
          const calls = await runActuator(ctx, opts, ['revoke']);
          ctx.out.result({ actuator: opts.actuator, calls }, '');
          ctx.out.success(`CAS revoked its previous keys (${calls[0]!.url}); it now publishes ${calls[0]!.keys.length} keys`);
          return;
        }
        const { revokeKeystore } = await import('../../jwks/rotate.js');
        const { rotateText } = await import('../../jwks/render.js');
        const result = await revokeKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        if (result.dryRun) {
          ctx.out.result(result, (paint) => rotateText(result, paint));
          return;
        }
        ctx.out.result(result, '');
        const removed = result.changes.length;
        if (removed === 0) ctx.out.info(`${result.file} has no previous keys: nothing to revoke`);
        else ctx.out.success(`revoked ${removed} previous key${removed > 1 ? 's' : ''} from ${result.file}; backup ${result.backup}`);
      }),
    );
}
