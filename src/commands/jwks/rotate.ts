import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addActuatorOptions, addSpecOptions, addTargetOptions, runActuator, type ActuatorFlags, type TargetFlags } from './common.js';

interface RotateFlags extends TargetFlags, ActuatorFlags {
  type?: string;
  size?: number;
  keyId?: string;
  revoke?: boolean;
  dryRun?: boolean;
}

export function registerRotate(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('rotate')
    .summary("rotate the keys as CAS does: current -> previous, future -> current, new future keys")
    .description(
      `CAS's rotation: every current key becomes previous, every future key becomes current, new future sig and enc keys are added (of the type and size already in the file unless flags or --cas-config say otherwise), and new current keys too when no current key is left. With --revoke the keys that were already previous are removed first, in the same write: the key that signed until now stays published as previous. Runs under a lock (concurrent runs wait), keeps <file>.bak, replaces the file atomically; a keystore that 'casctl jwks check' finds broken is never touched (exit 3).`,
    );
  addTargetOptions(command);
  addSpecOptions(command)
    .option('--revoke', 'first remove the keys that were already previous (one write)')
    .option('--dry-run', 'print what would change; write nothing');
  addActuatorOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  Ask the running CAS to rotate its own keystore (its oidcJwks actuator endpoint):
  $ casctl jwks rotate --actuator https://cas.example.org/cas --actuator-user admin --actuator-password-file /root/.cas-actuator

  Rotate the keystore CAS uses:
  $ casctl jwks rotate --file /etc/cas/config/keystore.jwks

  Monthly from cron on one node of a cluster sharing the keystore (silent unless it fails):
  $ casctl -q jwks rotate --revoke --file /srv/cas-shared/keystore.jwks

  See what a rotation would do:
  $ casctl jwks rotate --file keystore.jwks --dry-run`,
    )
    .action(
      action<RotateFlags>(runtime, async (ctx, opts) => {
        if (opts.actuator !== undefined) {
          const calls = await runActuator(ctx, opts, opts.revoke ? ['revoke', 'rotate'] : ['rotate']);
          const last = calls[calls.length - 1]!;
          ctx.out.result({ actuator: opts.actuator, calls }, '');
          ctx.out.success(`CAS ${opts.revoke ? 'revoked and rotated' : 'rotated'} its keystore (${last.url}); it now publishes ${last.keys.length} keys`);
          return;
        }
        const { rotateKeystore } = await import('../../jwks/rotate.js');
        const { rotateText } = await import('../../jwks/render.js');
        const result = await rotateKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        for (const warning of result.warnings) ctx.out.warn(warning);
        if (result.dryRun) {
          ctx.out.result(result, (paint) => rotateText(result, paint));
          return;
        }
        ctx.out.result(result, '');
        const removed = result.changes.filter((c) => c.kind === 'removed').length;
        ctx.out.success(
          `rotated ${result.file}${removed > 0 ? ` (revoked ${removed} previous key${removed > 1 ? 's' : ''})` : ''}; CAS signs with ${result.signingKid}; backup ${result.backup}`,
        );
        if (ctx.out.verbose) ctx.out.debug(rotateText(result, ctx.out.err));
      }),
    );
}
