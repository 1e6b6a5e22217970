import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addSpecOptions, addTargetOptions, type TargetFlags } from './common.js';

interface GenerateFlags extends TargetFlags {
  type?: string;
  size?: number;
  keyId?: string;
  force?: boolean;
  dryRun?: boolean;
}

export function registerGenerate(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('generate')
    .summary('create a keystore exactly as CAS generates one')
    .description(
      `Create a keystore as CAS does when the file is missing: four keys in this order: current sig, current enc, future sig, future enc; kid <key-id>-<8 random letters>; integer state; private members included. RSA 2048 by default; EC 256 (P-256, ES256), 384 (P-384, ES384) or 521 (P-521, ES512; 512 is read as 521). The file is created 0600. An existing keystore is only replaced with --force (the old one is kept as .bak).`,
    );
  addTargetOptions(command);
  addSpecOptions(command)
    .option('--force', 'replace an existing keystore (kept as <file>.bak)')
    .option('--dry-run', 'show the keys that would be written; write nothing')
    .addHelpText(
      'after',
      `
Examples:
  Create CAS's default keystore (RSA 2048):
  $ casctl jwks generate --file /etc/cas/config/keystore.jwks

  Use the path, type and size from CAS's own configuration:
  $ casctl jwks generate --cas-config /etc/cas/config/cas.properties

  EC P-384 keys with kid prefix "sso":
  $ casctl jwks generate --file keystore.jwks --type EC --size 384 --key-id sso`,
    )
    .action(
      action<GenerateFlags>(runtime, async (ctx, opts) => {
        const { generateKeystore } = await import('../../jwks/generate.js');
        const { keyTable, signingLine } = await import('../../jwks/render.js');
        const result = await generateKeystore({ ...opts, env: ctx.env, cwd: ctx.cwd });
        if (result.dryRun) {
          ctx.out.result(result, (paint) =>
            [`${paint.bold('dry run')}: would write ${result.file} with:`, keyTable(result.keys, paint), signingLine(result.signingKid, paint)].join('\n'),
          );
          return;
        }
        ctx.out.result(result, '');
        ctx.out.success(
          `${result.created ? 'created' : 'replaced'} ${result.file} (${result.type} ${result.size}, 4 keys; CAS signs with ${result.signingKid})` +
            (result.backup ? `; previous keystore kept as ${result.backup}` : ''),
        );
      }),
    );
}
