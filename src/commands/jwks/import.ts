import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addTargetOptions, STATE_CHOICES, type TargetFlags } from './common.js';

interface ImportFlags extends TargetFlags {
  pem: string;
  use: 'sig' | 'enc';
  state: 'current' | 'future' | 'previous';
  kid?: string;
  keyId?: string;
  dryRun?: boolean;
}

export function registerImport(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('import')
    .summary('add an existing PEM key (RSA or EC) to the keystore')
    .description(
      `Adds a private key from your own PKI: PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) or PKCS#8 (PRIVATE KEY) PEM, RSA of at least 2048 bits or EC P-256/P-384/P-521. The key is appended as CAS writes keys (kid, use, integer state, private members); by default as a future sig key, so the next rotation makes it current. Creates the keystore (0600) if it does not exist. Same lock, backup and atomic replace as rotate.`,
    );
  addTargetOptions(command)
    .requiredOption('--pem <file>', 'the private key (PEM)')
    .addOption(new Option('--use <use>', 'what CAS uses the key for').choices(['sig', 'enc']).default('sig'))
    .addOption(new Option('--state <state>', 'lifecycle state of the key').choices(STATE_CHOICES).default('future'))
    .option('--kid <kid>', 'key id (default <key-id>-<8 random letters>)')
    .option('--key-id <id>', 'kid prefix when --kid is not given (default: the one in the file, else cas)')
    .option('--dry-run', 'show the key that would be added; write nothing')
    .addHelpText(
      'after',
      `
Examples:
  Bring a key from your PKI in as the next signing key:
  $ casctl jwks import --file /etc/cas/config/keystore.jwks --pem /etc/pki/cas-oidc.key

  Make it the key CAS signs with right away (it must come before other current sig keys to be picked):
  $ casctl jwks import --file keystore.jwks --pem ec384.pem --state current --kid cas-pki-2026`,
    )
    .action(
      action<ImportFlags>(runtime, async (ctx, opts) => {
        const { importKey } = await import('../../jwks/import.js');
        const { keyTable, signingLine } = await import('../../jwks/render.js');
        const result = await importKey({ ...opts, env: ctx.env, cwd: ctx.cwd });
        if (result.dryRun) {
          ctx.out.result(result, (paint) =>
            [`${paint.bold('dry run')}: ${result.file} would hold:`, keyTable(result.keys, paint), signingLine(result.signingKid, paint)].join('\n'),
          );
          return;
        }
        ctx.out.result(result, '');
        ctx.out.success(
          `added ${result.added.kid} (${result.added.kty} ${result.added.crv ?? result.added.size}, ${result.added.use}, ${result.added.state}) to ${result.file}` +
            (result.created ? ' (new keystore)' : `; backup ${result.backup}`),
        );
        if (result.added.state === 'current' && result.signingKid !== result.added.kid && result.added.use === 'sig') {
          ctx.out.warn(`CAS still signs with ${result.signingKid}: it is the first current sig key in the file`);
        }
      }),
    );
}
