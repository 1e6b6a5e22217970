import { Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addCasConfigOption, addNetworkOptions, addSecretOptions, collect, parseInteger, parseSeconds } from '../../cli/options.js';
import { addCaOptions } from './ca-options.js';

export function registerIssue(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('issue')
    .summary('get or renew a certificate (HTTP-01), only when due')
    .description(
      `Run an ACME order for the names given with -d, answer the HTTP-01 challenge with a temporary web server on --http-port (or files in --webroot), and write the domain key, CSR and chain where CAS's cas.acme.* settings expect them. An existing account or domain key is reused. When --chain already holds a certificate for the same names that is not due, nothing happens and the exit code is 0, so cron is safe. Due means: when the CA offers ACME Renewal Information (RFC 9773), the time casctl picks inside the renewal window the CA suggests; otherwise, or when ARI fails, less than a third of the lifetime left (or fewer than --days days).`,
    )
    .option('-d, --domain <name>', 'a DNS name for the certificate (repeatable; the first one names the directory)', collect)
    .option('--agree-tos', "accept the CA's terms of service (needed to register a new account)")
    .option('--email <address>', 'contact address for the new account (expiry mails)');
  addCaOptions(command).option('--eab-kid <kid>', 'external account binding key id (CAs such as ZeroSSL, Google, Sectigo)');
  addSecretOptions(command, 'eab-hmac-key', 'EAB HMAC key (base64url)');
  addCasConfigOption(command);
  command
    .option('--dir <dir>', 'directory of the domain files (default ${XDG_DATA_HOME:-~/.local/share}/casctl/acme/<first domain>)')
    .option('--account-key <file>', 'account key (CAS: cas.acme.user-key.location); default one per CA under ${XDG_CONFIG_HOME:-~/.config}/casctl/acme/accounts/<CA host>/')
    .option('--domain-key <file>', 'domain key (cas.acme.domain-key.location; default <dir>/domain.key)')
    .option('--csr <file>', 'CSR written for the order (cas.acme.domain-csr.location; default <dir>/domain.csr)')
    .option('--chain <file>', 'leaf + intermediates, PEM (cas.acme.domain-chain.location; default <dir>/domain-chain.pem)')
    .option('--cert <file>', 'also write the leaf certificate alone (PEM)')
    .option('--p12 <file>', "also write a PKCS#12 keystore of key + chain (Tomcat's server.ssl.key-store)");
  addSecretOptions(command, 'p12-password', 'PKCS#12 password');
  command
    .addOption(new Option('--key-type <type>', 'type of new keys').choices(['rsa', 'ec']).default('rsa'))
    .option('--key-size <bits>', 'RSA modulus of new keys (2048, 3072, 4096), or 256/384 for EC (cas.acme.key-size)', parseInteger('--key-size', { min: 256, max: 8192 }))
    .addOption(new Option('--key-format <format>', 'PEM format of new keys: traditional = PKCS#1/SEC1 (what CAS reads), or pkcs8').choices(['traditional', 'pkcs8']).default('traditional'))
    .option('--new-domain-key', 'rotate the domain key and issue for it, due or not (the old key is kept as <file>.bak)')
    .option('--http-port <port>', 'port of the temporary HTTP-01 responder', parseInteger('--http-port', { min: 1, max: 65535 }), 80)
    .option('--listen <address>', 'listen on this address only (default: every IPv4 and IPv6 address)')
    .option('--webroot <dir>', "write the challenge into a running web server's document root instead (removed after)")
    .option('--preflight', "fetch each challenge through the domain's own name first (catches DNS/firewall mistakes before the CA counts a failure)")
    .option('--preflight-port <port>', 'port the preflight fetches (default 80, where the CA connects)', parseInteger('--preflight-port', { min: 1, max: 65535 }))
    .option('--days <n>', 'renew when fewer than N days are left (default: a third of the lifetime)', parseInteger('--days', { min: 0, max: 3650 }))
    .option('--force', 'issue even when the certificate is not due')
    .option('--profile <name>', "ask the CA for this certificate profile (one of its meta.profiles, see acme profiles; remembered for renewals)")
    .option('--no-ari', "ignore the CA's renewal information (RFC 9773) and send no \"replaces\": the lifetime rule alone decides")
    .option('--dry-run', 'run the whole order (against staging unless --server) but write nothing to the real paths')
    .option('--deploy-hook <cmd>', 'shell command run after a new certificate is written (CASCTL_ACME_* variables)')
    .option('--poll-timeout <seconds>', 'time allowed for validation and issuance', parseSeconds('--poll-timeout'), 120);
  addNetworkOptions(command, 30);
  command.addHelpText(
    'after',
    `
Examples:
  Get a certificate from Let's Encrypt for two names (port 80 must be free):
  $ sudo casctl acme issue --production --agree-tos --email ops@example.org -d cas.example.org -d login.example.org

  Renew from cron, only when due, reloading CAS after a new certificate:
  $ casctl --quiet acme issue --production -d cas.example.org --deploy-hook 'systemctl restart cas'

  Take everything from CAS's own cas.acme.* settings:
  $ casctl acme issue --cas-config /etc/cas/config/cas.properties

  Port 80 is held by a running web server (Tomcat, nginx): use its document root:
  $ casctl acme issue --production -d cas.example.org --webroot /var/www/html

  A 6-day certificate (Let's Encrypt's shortlived profile), renewed from cron every 4 hours:
  $ casctl acme issue --production -d cas.example.org --profile shortlived
  7 */4 * * * casctl --quiet acme issue --production -d cas.example.org --deploy-hook 'systemctl reload cas'
  (the profile is remembered beside the certificate; casctl warns when runs are too far apart for it)

  Decide by the lifetime rule only, without asking the CA (no ARI, no "replaces"):
  $ casctl acme issue --production -d cas.example.org --no-ari

  A private ACME CA with its own TLS CA and external account binding:
  $ casctl acme issue --server https://acme.example.net/directory --ca-file ca.pem \\
      --eab-kid kid-1 --eab-hmac-key-file eab.key -d cas.example.org --agree-tos

Environment for --deploy-hook: CASCTL_ACME_NAMES (space separated), CASCTL_ACME_DOMAIN (first name),
  CASCTL_ACME_CHAIN, CASCTL_ACME_CERT, CASCTL_ACME_DOMAIN_KEY, CASCTL_ACME_CSR, CASCTL_ACME_P12,
  CASCTL_ACME_ACCOUNT_KEY, CASCTL_ACME_DIR, CASCTL_ACME_NOT_AFTER, CASCTL_ACME_SERIAL.

State: <chain>.casctl.json beside the chain (0600) remembers the CA, the profile, the last run and the
  last ARI answer until its Retry-After (clamped to 1 minute..1 day) has passed.

Exit codes: 0 issued or not due, 1 the CA refused (validation failed, order invalid) or the deploy hook
failed, 2 usage (an unknown --profile included), 3 local files/lock/port in use, 4 CA unreachable or
timed out, 130 interrupted. ARI failures never change the exit code (a warning, then the lifetime rule).
Standards: RFC 8555 (ACME; HTTP-01 challenge: section 8.3), RFC 9773 (ARI), draft-ietf-acme-profiles.`,
  );
  command.action(
    action(runtime, async (ctx, options) => {
      const { runIssue } = await import('./handlers.js');
      return runIssue(ctx, options as never);
    }),
  );
}
