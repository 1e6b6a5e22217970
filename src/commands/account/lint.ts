import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';

export function registerLint(account: Command, runtime: Runtime): void {
  account
    .command('lint')
    .summary('check a registration-properties file as CAS reads it')
    .description(
      'Check the file named by cas.account-registration.core.registration-properties.location the way CAS loads it ' +
        "(Hjson, Jackson's @class markers, unknown properties rejected) and report each problem with its line:column: " +
        'missing or wrong @class, unknown property, wrong type, duplicate order, a pattern that does not compile in the ' +
        'browser or uses Java-only regex syntax, a select without values, and a missing username/email/phone field. ' +
        'Errors are what makes CAS fail to load the file or the registration flow fail; warnings are what CAS accepts ' +
        'but quietly changes or ignores.',
    )
    .argument('<file>', 'the registration-properties file (JSON or Hjson); - reads standard input')
    .addHelpText(
      'after',
      `
Examples:
  Check the file before CAS loads it:
  $ casctl account lint /etc/cas/config/registration-properties.json

  In CI, as JSON (findings with codes, line and column):
  $ casctl --json account lint registration-properties.hjson | jq '.findings[] | select(.severity == "error")'

Exit codes:
  0  no errors (warnings may be printed)
  1  errors found, or the file is not valid Hjson / not text
  3  the file cannot be read`,
    )
    .action(
      action(runtime, async (ctx, _options, [file]) => {
        const { lintFile } = await import('../../account/lint-file.js');
        const result = await lintFile(file!, ctx.streams.stdin);
        const { formatLint } = await import('../../account/lint.js');
        ctx.out.result(result, (paint) => formatLint(result, paint));
        return result.ok ? 0 : 1;
      }),
    );
}
