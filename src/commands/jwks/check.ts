import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addTargetOptions, type TargetFlags } from './common.js';

export function registerCheck(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('check')
    .summary('validate a keystore and say what CAS would do with it')
    .description(
      `Validates a keystore the way CAS reads it. Errors (exit 1): the file does not parse, no "keys", a key that does not load, "state" given as a string or an unknown number, duplicate kids, no current signing key with a private part, RSA below 2048 bits. Warnings (exit 0): mislabelled alg (e.g. P-256 with ES512, as CAS's own generator writes), missing state or kid, a file readable by group or others. --json lists every finding with its code.`,
    );
  addTargetOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ casctl jwks check --file /etc/cas/config/keystore.jwks

  In a deployment pipeline (exit 1 stops it):
  $ casctl --json jwks check --cas-config /etc/cas/config/cas.properties | jq '.findings[].code'

Exit codes: 0 usable (warnings allowed), 1 errors found, 3 the file is missing or unreadable.`,
    )
    .action(
      action<TargetFlags>(runtime, async (ctx, opts) => {
        const { checkKeystore } = await import('../../jwks/check.js');
        const { checkText } = await import('../../jwks/render.js');
        const result = await checkKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        ctx.out.result(result, (paint) => checkText(result, paint));
        return result.ok ? 0 : 1;
      }),
    );
}
