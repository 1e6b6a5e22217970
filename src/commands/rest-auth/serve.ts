import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { parseInteger } from '../../cli/options.js';

export function registerServe(parent: Command, runtime: Runtime): void {
  parent
    .command('serve')
    .summary('run a reference REST authentication endpoint from a users file')
    .description(
      `Serve a REST authentication endpoint that answers exactly as CAS expects: 200 with a typed SimplePrincipal JSON for good credentials, 401 for a wrong password, 404 for an unknown user, 403/412/423/428 for disabled/expired/locked/must-change accounts (428 also once passwordExpires has passed), X-CAS-Warning and X-CAS-PasswordExpirationDate (RFC 1123) on success. Prints the URL it serves on (stdout); listens on 127.0.0.1 unless --listen says otherwise; stops on Ctrl-C or SIGTERM. If CAS encodes passwords (password-encoder.type), store the encoded form.

users.json:
  {"users": [{"username": "casuser", "password": "…" | "passwordHash": "$2b$10$…",
              "attributes": {"mail": ["casuser@example.org"]},
              "state": "active|locked|disabled|expired|must-change",
              "passwordExpires": "2027-01-31", "warnings": ["…"]}]}`,
    )
    .requiredOption('--users <file>', 'the users file (JSON, see above)')
    .option('--port <n>', 'TCP port (0 picks a free one)', parseInteger('--port', { min: 0, max: 65535 }), 0)
    .option('--listen <address>', 'address to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      `
Examples:
  Serve on a free port of 127.0.0.1 and point CAS (cas.authn.rest[0].uri) at the printed URL:
  $ casctl rest-auth serve --users users.json

  A fixed port on all interfaces of a staging host:
  $ casctl rest-auth serve --users users.json --port 8088 --listen 0.0.0.0

  Start it for a script and read the URL:
  $ casctl --json rest-auth serve --users users.json | jq -r .url

Exit codes: 3 users file missing or invalid, address in use; 130 after Ctrl-C/SIGTERM.`,
    )
    .action(
      action(runtime, async (ctx, options) => {
        const { runServe } = await import('../../restauth/run.js');
        return runServe(ctx, options as never);
      }),
    );
}
