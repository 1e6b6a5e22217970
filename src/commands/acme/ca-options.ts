/** The flags that name the CA for issue, profiles and revoke; handlers.ts resolves them (one at most). */
import type { Command } from 'commander';

export function addCaOptions(command: Command): Command {
  return command
    .option('--server <url>', "ACME directory URL, or acme://letsencrypt.org[/staging] as in CAS's cas.acme.server-url")
    .option('--staging', "Let's Encrypt staging (test certificates, browsers do not trust them)")
    .option('--production', "Let's Encrypt production");
}
