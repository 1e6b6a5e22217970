import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addTargetOptions, type TargetFlags } from './common.js';

export function registerShow(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('show')
    .alias('list')
    .summary('list the keys and the one CAS signs ID tokens with')
    .description(
      `One row per key: kid, type, size or curve, use, alg, state, and which key CAS signs ID tokens with (the first current asymmetric sig key with a private part, in file order). --json gives the same as data.`,
    );
  addTargetOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ casctl jwks show --file /etc/cas/config/keystore.jwks

  The kid CAS signs with, for a script:
  $ casctl --json jwks show --file keystore.jwks | jq -r .signingKid`,
    )
    .action(
      action<TargetFlags>(runtime, async (ctx, opts) => {
        const { showKeystore } = await import('../../jwks/show.js');
        const { keyTable, signingLine } = await import('../../jwks/render.js');
        const result = await showKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        ctx.out.result(result, (paint) => [keyTable(result.keys, paint), signingLine(result.signingKid, paint)].join('\n'));
      }),
    );
}
