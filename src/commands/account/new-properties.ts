import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';

interface NewPropertiesOptions {
  out?: string;
  force?: boolean;
}

export function registerNewProperties(account: Command, runtime: Runtime): void {
  account
    .command('new-properties')
    .summary("write CAS's default registration fields as a starting file")
    .description(
      "Write CAS's shipped registration field set (username, firstName, lastName, email, phone) in CAS's own " +
        'layout (JSON with @class markers), ready to edit and to pass `casctl account lint`. The email and phone ' +
        "patterns are CAS's, with the characters browsers' v-flag regexes reject escaped (same meaning in Java). " +
        'Without --out the file goes to standard output.',
    )
    .option('--out <file>', 'write to this file (mode 0644, CAS must read it) instead of standard output')
    .option('--force', 'replace an existing --out file')
    .addHelpText(
      'after',
      `
Examples:
  Start a custom field set and point CAS at it:
  $ casctl account new-properties --out /etc/cas/config/registration-properties.json
  $ echo 'cas.account-registration.core.registration-properties.location=file:/etc/cas/config/registration-properties.json'

  Look at the defaults:
  $ casctl account new-properties | less`,
    )
    .action(
      action<NewPropertiesOptions>(runtime, async (ctx, options) => {
        const { defaultRegistrationProperties, DEFAULT_FIELDS } = await import('../../account/registration-properties.js');
        const text = defaultRegistrationProperties();
        const fields = DEFAULT_FIELDS.map((f) => f.name);
        if (!options.out) {
          ctx.out.result(JSON.parse(text), text);
          return;
        }
        const { writeFileAtomic } = await import('../../io/files.js');
        const { resolve } = await import('node:path');
        const path = resolve(ctx.cwd, options.out);
        const written = await writeFileAtomic(path, text, { mode: 0o644, overwrite: options.force === true, what: 'registration-properties file' });
        ctx.out.result({ file: path, created: written.created, fields }, '');
        ctx.out.success(`${written.created ? 'wrote' : 'replaced'} ${path} (${fields.join(', ')})`);
        ctx.out.info(`CAS setting: cas.account-registration.core.registration-properties.location=file:${path}`);
      }),
    );
}
