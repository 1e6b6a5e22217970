/**
 * The `acme` handlers: loaded with import() when an acme command runs, never at start-up.
 * They resolve options (flags > --cas-config cas.acme.* > defaults > a question on a TTY), call the
 * domain code in src/acme/, and render results.
 */
import { dirname, resolve } from 'node:path';
import type { Ctx } from '../../cli/context.js';
import type { NetworkOptions } from '../../cli/options.js';
import { secretSources } from '../../cli/options.js';
import type { CasConfig } from '../../config/cas-config.js';
import { isCasctlError, usageError } from '../../errors.js';
import { pathExists, readTextFile } from '../../io/files.js';
import { LETS_ENCRYPT, directoryUrlFor } from '../../acme/client.js';
import { defaultAccountKeyPath, defaultDomainDir, domainFiles, normalizeNames } from '../../acme/paths.js';
import type { IssueResult } from '../../acme/issue.js';
import type { KeySpec } from '../../acme/keys.js';

interface ServerOptions {
  server?: string;
  staging?: boolean;
  production?: boolean;
  casConfig?: string;
}

export interface IssueOptions extends ServerOptions, NetworkOptions {
  domain?: string[];
  agreeTos?: boolean;
  email?: string;
  eabKid?: string;
  eabHmacKeyFile?: string;
  eabHmacKeyEnv?: string;
  eabHmacKeyStdin?: boolean;
  dir?: string;
  accountKey?: string;
  domainKey?: string;
  csr?: string;
  chain?: string;
  cert?: string;
  p12?: string;
  p12PasswordFile?: string;
  p12PasswordEnv?: string;
  p12PasswordStdin?: boolean;
  keyType: 'rsa' | 'ec';
  keySize?: number;
  keyFormat: 'traditional' | 'pkcs8';
  newDomainKey?: boolean;
  httpPort: number;
  listen?: string;
  webroot?: string;
  preflight?: boolean;
  preflightPort?: number;
  days?: number;
  force?: boolean;
  dryRun?: boolean;
  deployHook?: string;
  pollTimeout: number;
  /** commander's --no-ari */
  ari?: boolean;
  profile?: string;
}

async function casConfigOf(ctx: Ctx, path: string | undefined): Promise<CasConfig | undefined> {
  if (!path) return undefined;
  const { loadCasConfig } = await import('../../io/cas-config.js');
  return loadCasConfig(resolve(ctx.cwd, path), ctx.env);
}

async function configPath(cfg: CasConfig | undefined, setting: string): Promise<string | undefined> {
  const value = cfg?.get(setting);
  if (!value) return undefined;
  const { resourceToPath } = await import('../../config/cas-config.js');
  return resourceToPath(value, setting, 'with the matching flag (--account-key, --domain-key, --csr, --chain)');
}

const SERVER_FLAGS = '--server URL, --staging or --production (or --cas-config with cas.acme.server-url)';

/**
 * No silent default: a staging certificate installed by cron breaks every login, a production one
 * spent on a test burns rate limits. On a TTY the user is asked.
 */
async function resolveServer(ctx: Ctx, options: ServerOptions, cfg: CasConfig | undefined, purpose: { dryRun?: boolean }): Promise<string> {
  const given = [options.server && '--server', options.staging && '--staging', options.production && '--production'].filter(Boolean);
  if (given.length > 1) throw usageError('E_USAGE', `${given.join(' and ')} cannot be used together`, { hint: 'pick one CA' });
  if (options.server) return directoryUrlFor(options.server);
  if (purpose.dryRun && !options.staging) {
    if (options.production) ctx.out.info('--dry-run uses the staging directory, not production');
    const fromConfig = cfg?.get('cas.acme.server-url');
    if (fromConfig && !options.production) {
      const url = directoryUrlFor(fromConfig);
      return url === LETS_ENCRYPT.production ? LETS_ENCRYPT.staging : url;
    }
    return LETS_ENCRYPT.staging;
  }
  if (options.staging) return LETS_ENCRYPT.staging;
  if (options.production) return LETS_ENCRYPT.production;
  const fromConfig = cfg?.get('cas.acme.server-url');
  if (fromConfig) return directoryUrlFor(fromConfig);
  if (ctx.prompt.canPrompt) {
    const choice = await ctx.prompt.select(
      'Which ACME CA?',
      [
        { value: 'production', name: "Let's Encrypt (production)", description: LETS_ENCRYPT.production },
        { value: 'staging', name: "Let's Encrypt staging (untrusted test certificates)", description: LETS_ENCRYPT.staging },
        { value: 'other', name: 'another CA (directory URL)' },
      ],
      { flag: SERVER_FLAGS },
    );
    if (choice !== 'other') return LETS_ENCRYPT[choice];
    return directoryUrlFor(await ctx.prompt.input('Directory URL:', { flag: '--server URL' }));
  }
  throw usageError('E_ACME_SERVER_REQUIRED', 'no ACME CA chosen', {
    hint: `pass ${SERVER_FLAGS}; casctl has no default because a staging certificate installed by cron breaks logins`,
  });
}

function keySpecOf(options: IssueOptions, cfg: CasConfig | undefined): KeySpec {
  const size = options.keySize ?? cfg?.getNumber('cas.acme.key-size');
  if (options.keyType === 'ec') {
    const bits = options.keySize ?? 256;
    if (bits !== 256 && bits !== 384) throw usageError('E_USAGE', `--key-type ec takes --key-size 256 (P-256) or 384 (P-384), got ${bits}`);
    return { type: 'ec', rsaBits: 2048, curve: bits === 384 ? 'P-384' : 'P-256' };
  }
  const bits = size ?? 2048;
  if (bits < 2048 || bits > 8192 || bits % 8 !== 0) {
    throw usageError('E_USAGE', `RSA keys need --key-size between 2048 and 8192 bits, got ${bits}`, { hint: 'CAs refuse RSA keys under 2048 bits' });
  }
  return { type: 'rsa', rsaBits: bits, curve: 'P-256' };
}

async function askDomains(ctx: Ctx, options: IssueOptions): Promise<string[]> {
  const answer = await ctx.prompt.input('Domain names for the certificate (space separated):', {
    flag: '-d NAME (repeatable)',
    validate: (value) => {
      try {
        normalizeNames([value]);
        return true;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (!options.email) {
    const email = (await ctx.prompt.input('Contact e-mail for expiry notices (empty for none):', { flag: '--email' })).trim();
    if (email) options.email = email;
  }
  return normalizeNames([answer]);
}

export async function runIssue(ctx: Ctx, options: IssueOptions): Promise<number> {
  const cfg = await casConfigOf(ctx, options.casConfig);
  if (options.webroot && options.listen) throw usageError('E_USAGE', '--webroot and --listen cannot be used together', { hint: '--listen is for the built-in responder' });
  if ((options.eabHmacKeyFile || options.eabHmacKeyEnv || options.eabHmacKeyStdin) && !options.eabKid) {
    throw usageError('E_USAGE', '--eab-hmac-key-… needs --eab-kid');
  }
  const p12Given = Boolean(options.p12PasswordFile || options.p12PasswordEnv || options.p12PasswordStdin);
  if (p12Given && !options.p12) throw usageError('E_USAGE', '--p12-password-… needs --p12 FILE');

  // Names: -d, else cas.acme.domains, else ask on a TTY.
  let names: string[];
  if (options.domain?.length) names = normalizeNames(options.domain);
  else if (cfg?.getList('cas.acme.domains')?.length) names = normalizeNames(cfg.getList('cas.acme.domains')!);
  else if (ctx.prompt.canPrompt) names = await askDomains(ctx, options);
  else throw usageError('E_ACME_NO_DOMAINS', 'no domain given', { hint: 'pass -d cas.example.org (repeatable) or --cas-config with cas.acme.domains' });

  const directoryUrl = await resolveServer(ctx, options, cfg, { dryRun: options.dryRun });
  let agreeTos = options.agreeTos === true || cfg?.getBoolean('cas.acme.terms-of-use-accepted') === true;
  const keySpec = keySpecOf(options, cfg);

  const dir = options.dir ? resolve(ctx.cwd, options.dir) : defaultDomainDir(ctx.env, names[0]!);
  const files = domainFiles(
    dir,
    {
      domainKey: options.domainKey ?? (await configPath(cfg, 'cas.acme.domain-key.location')),
      csr: options.csr ?? (await configPath(cfg, 'cas.acme.domain-csr.location')),
      chain: options.chain ?? (await configPath(cfg, 'cas.acme.domain-chain.location')),
      cert: options.cert,
      p12: options.p12,
    },
    ctx.cwd,
  );
  const accountKeyGiven = options.accountKey ?? (await configPath(cfg, 'cas.acme.user-key.location'));
  const accountKeyPath = accountKeyGiven ? resolve(ctx.cwd, accountKeyGiven) : defaultAccountKeyPath(ctx.env, directoryUrl);

  // A new account needs the terms accepted: on a TTY ask, once, before any network traffic.
  if (!agreeTos && ctx.prompt.canPrompt && !(await pathExists(accountKeyPath))) {
    agreeTos = await ctx.prompt.confirm(`Do you accept the terms of service of ${new URL(directoryUrl).host}?`, { flag: '--agree-tos' });
  }

  const eab = options.eabKid
    ? {
        kid: options.eabKid,
        hmacKey: (await ctx.secrets.read({ flag: 'eab-hmac-key', label: 'EAB HMAC key', sources: secretSources(options as never, 'eab-hmac-key') })).value.trim(),
      }
    : undefined;
  const p12Password = options.p12
    ? (await ctx.secrets.read({ flag: 'p12-password', label: 'PKCS#12 password', sources: secretSources(options as never, 'p12-password') })).value
    : undefined;
  if (options.p12 && keySpec.type === 'ec') {
    throw usageError('E_USAGE', '--p12 needs an RSA domain key', { hint: 'drop --key-type ec, or build the keystore with openssl pkcs12 -export' });
  }
  if (options.p12 && (await pathExists(files.domainKey)) && !options.newDomainKey) {
    const { parsePrivateKey } = await import('../../acme/keys.js');
    const existing = parsePrivateKey(await readTextFile(files.domainKey, 'domain key'), files.domainKey, 'domain key');
    if (existing.key.asymmetricKeyType !== 'rsa') throw usageError('E_USAGE', '--p12 needs an RSA domain key', { hint: `the domain key ${files.domainKey} is EC; build the keystore with openssl pkcs12 -export` });
  }

  const { issueCertificate } = await import('../../acme/issue.js');
  const result = await issueCertificate(
    {
      names,
      directoryUrl,
      caFile: options.caFile,
      insecure: options.insecure,
      timeoutMs: options.timeout * 1000,
      pollTimeoutMs: options.pollTimeout * 1000,
      email: options.email,
      agreeTos,
      eab,
      accountKeyPath,
      files,
      p12Password,
      keySpec,
      keyFormat: options.keyFormat,
      newDomainKey: options.newDomainKey === true,
      force: options.force === true,
      days: options.days,
      challenge: options.webroot ? { kind: 'webroot', dir: resolve(ctx.cwd, options.webroot) } : { kind: 'standalone', port: options.httpPort, listen: options.listen },
      preflight: options.preflight ? { port: options.preflightPort ?? 80 } : undefined,
      dryRun: options.dryRun === true,
      ari: options.ari !== false,
      profile: options.profile,
    },
    {
      step: (label, fn) => ctx.out.task(label, () => fn()),
      info: (message) => ctx.out.info(message),
      warn: (message) => ctx.out.warn(message),
      debug: (message) => ctx.out.debug(message),
      onInterrupt: (cleanup) => ctx.onInterrupt(cleanup),
      signal: ctx.signal,
    },
  );

  let hook: { command: string; exitCode: number | null; signal?: string; ok: boolean } | undefined;
  if (options.deployHook && result.status === 'issued' && !result.dryRun) {
    const { runDeployHook } = await import('../../acme/hook.js');
    hook = await runDeployHook(options.deployHook, result, dir, ctx.env, ctx.streams.stderr);
  }
  const document: Record<string, unknown> = {
    ok: !hook || hook.ok,
    status: result.status,
    names: result.names,
    notBefore: result.notBefore,
    notAfter: result.notAfter,
    dueAt: result.dueAt,
    daysLeft: result.daysLeft,
    serial: result.serial,
    issuer: result.issuer,
    server: result.server,
    dryRun: result.dryRun,
    files: result.files,
    written: result.written,
    stateFile: result.stateFile,
  };
  if (result.trigger) document.trigger = result.trigger;
  if (result.profile !== undefined) document.profile = result.profile;
  if (result.ari) document.ari = result.ari;
  if (result.replaces) document.replaces = result.replaces;
  if (result.replacesRetried) document.replacesRetried = true;
  if (result.account) document.account = result.account;
  if (result.badNonceRetries) document.badNonceRetries = result.badNonceRetries;
  if (hook) document.deployHook = hook;
  if (hook && !hook.ok) {
    document.error = {
      code: 'E_ACME_DEPLOY_HOOK_FAILED',
      message: `the certificate was written but the deploy hook failed (${hookStatus(hook)})`,
    };
  }
  if (result.status === 'not-due' && !ctx.global.json) {
    // Nothing changed: one line on stderr (silent under --quiet), stdout empty, so a daily cron job mails
    // nothing until a certificate is actually renewed.
    ctx.out.result(document, '');
    ctx.out.info(renderIssue(result, ctx.out.err));
    return 0;
  }
  ctx.out.result(document, (paint) => renderIssue(result, paint));
  if (hook && !hook.ok) {
    ctx.out.error(`the certificate was written but the deploy hook failed (${hookStatus(hook)})`, `fix the hook and run it by hand: ${hook.command}`);
    return 1;
  }
  if (hook) ctx.out.success(`deploy hook ran: ${hook.command}`);
  return 0;
}

function hookStatus(hook: { exitCode: number | null; signal?: string }) {
  return hook.signal ? `killed by ${hook.signal}` : `exit status ${hook.exitCode}`;
}

function renderIssue(result: IssueResult, paint: { bold(t: string): string; green(t: string): string; dim(t: string): string }): string {
  const date = (iso: string) => iso.slice(0, 10);
  const lines: string[] = [];
  if (result.status === 'not-due') {
    lines.push(
      `${paint.green('not due')}: the certificate for ${result.names.join(', ')} is valid until ${date(result.notAfter)} (${result.daysLeft} days left); it will be due on ${date(result.dueAt)}. Nothing changed.`,
    );
    const window = result.ari?.window as { start: string; end: string } | undefined;
    if (window) lines.push(`  the CA's renewal window (ARI) is ${window.start} to ${window.end}; casctl renews at ${String(result.ari!.renewalAt)}`);
  } else {
    lines.push(
      `${paint.green(result.dryRun ? 'dry run ok' : 'issued')}: ${result.names.join(', ')}, valid ${date(result.notBefore)} to ${date(result.notAfter)}, renew from ${date(result.dueAt)}`,
    );
    if (result.dryRun) lines.push(paint.dim('nothing was written (--dry-run); these are the paths a real run uses:'));
    const window = result.ari?.window as { start: string; end: string } | undefined;
    if (result.trigger === 'ari' && window) {
      lines.push(`  renewed because the CA asked (ARI window ${window.start} to ${window.end})${result.ari!.explanationURL ? `: ${String(result.ari!.explanationURL)}` : ''}`);
    }
    if (result.profile) lines.push(`  profile        ${result.profile}`);
    if (result.replaces) lines.push(`  replaces       ${result.replaces}${result.replacesRetried ? ' (already replaced: ordered again without it)' : ''}`);
  }
  const label: Record<string, string> = {
    accountKey: 'account key',
    domainKey: 'domain key',
    csr: 'CSR',
    chain: 'chain',
    cert: 'certificate',
    p12: 'PKCS#12',
    domainKeyBackup: 'old domain key',
  };
  for (const [name, path] of Object.entries(result.files)) {
    if (path) lines.push(`  ${(label[name] ?? name).padEnd(14)} ${path}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- status

export interface StatusOptions extends NetworkOptions {
  chain?: string;
  domain?: string;
  casConfig?: string;
  dir?: string;
  days?: number;
  nagios?: boolean;
  warn: number;
  crit: number;
  server?: string;
  /** commander's --no-ari */
  ari?: boolean;
}

async function chainPathOf(ctx: Ctx, options: { chain?: string; domain?: string; dir?: string; casConfig?: string }, cfg: CasConfig | undefined) {
  if (options.chain) return resolve(ctx.cwd, options.chain);
  const fromConfig = await configPath(cfg, 'cas.acme.domain-chain.location');
  if (fromConfig) return resolve(ctx.cwd, fromConfig);
  if (options.dir) return resolve(ctx.cwd, options.dir, 'domain-chain.pem');
  const name = options.domain ?? cfg?.getList('cas.acme.domains')?.[0];
  if (name) return domainFiles(defaultDomainDir(ctx.env, normalizeNames([name])[0]!), {}, ctx.cwd).chain;
  throw usageError('E_USAGE', 'which certificate?', { hint: 'pass --chain FILE, -d DOMAIN, --dir DIR or --cas-config FILE' });
}

/**
 * The CA's renewal window for a certificate, for `acme status`: the answer remembered in the state file
 * while its Retry-After runs, else one ARI GET (to --server's or the remembered CA). Read-only: status
 * never writes the state file (acme issue owns it). A failure is a warning, never the exit code.
 */
async function statusAri(ctx: Ctx, options: StatusOptions, leaf: import('../../acme/cert.js').CertInfo, state: import('../../acme/state.js').CertState | undefined, now: Date) {
  if (options.ari === false) return undefined;
  const { ariCertId } = await import('../../acme/ari.js');
  const certId = ariCertId(leaf.cert);
  const server = options.server ? directoryUrlFor(options.server) : state?.server;
  if (!certId || !server || leaf.notAfter.getTime() <= now.getTime()) return undefined;
  const { checkAri } = await import('../../acme/renewal.js');
  const { createHttpClient } = await import('../../io/http.js');
  let http: import('../../io/http.js').HttpClient | undefined;
  const client = async () => (http ??= await createHttpClient({ caFile: options.caFile, insecure: options.insecure, timeoutMs: options.timeout * 1000, userAgent: 'casctl' }));
  try {
    let renewalInfo = state?.server === server ? state.renewalInfo : undefined;
    if (!renewalInfo) {
      const { fetchDirectory, renewalInfoOf } = await import('../../acme/client.js');
      try {
        renewalInfo = renewalInfoOf(await fetchDirectory(await client(), { directoryUrl: server }));
      } catch (error) {
        ctx.out.warn(`ARI: cannot read the CA's directory (${(error as Error).message}); using the lifetime rule`);
        return undefined;
      }
    }
    if (!renewalInfo) return undefined;
    const outcome = await checkAri({
      certId,
      renewalInfo,
      memory: state?.ari,
      now,
      refetch: false,
      host: (await import('node:os')).hostname(),
      timeoutMs: options.timeout * 1000,
      http: client,
      log: (line) => ctx.out.debug(line),
    });
    if (outcome.warning) ctx.out.warn(`ARI (renewal information) failed: ${outcome.warning}; using the lifetime rule`);
    return outcome;
  } finally {
    await http?.close().catch(() => {});
  }
}

export async function runStatus(ctx: Ctx, options: StatusOptions): Promise<number> {
  if (options.nagios && options.crit > options.warn) throw usageError('E_USAGE', `--crit ${options.crit} is above --warn ${options.warn}`, { hint: 'CRITICAL comes after WARNING: --crit must be the smaller number of days' });
  let path = options.chain ?? '(unknown)';
  try {
    const cfg = await casConfigOf(ctx, options.casConfig);
    path = await chainPathOf(ctx, options, cfg);
    if (!options.server && cfg?.get('cas.acme.server-url')) options.server = cfg.get('cas.acme.server-url');
    const { parseChain, renewalDecision } = await import('../../acme/cert.js');
    const chain = parseChain(await readTextFile(path, 'certificate chain'), path);
    const { readState, statePathFor } = await import('../../acme/state.js');
    const state = await readState(path);
    const leaf = chain[0]!;
    const now = new Date();
    const decision = renewalDecision(leaf, now, options.days);
    const ari = await statusAri(ctx, options, leaf, state, now);
    const expired = leaf.notAfter.getTime() <= now.getTime();
    const notYet = leaf.notBefore.getTime() > now.getTime();
    const ariDue = ari?.decision?.due === true;
    const due = ari?.decision ? ariDue || (options.days !== undefined && decision.due) || expired : decision.due;
    const dueAt = ari?.renewalAt && !(options.days !== undefined && decision.dueAt < ari.renewalAt) ? ari.renewalAt : decision.dueAt;
    const { ariDocument } = await import('../../acme/renewal.js');
    const document: Record<string, any> = {
      ok: !due && !expired && !notYet,
      chain: path,
      names: leaf.names,
      subject: leaf.subject,
      issuer: leaf.issuer,
      serial: leaf.serial,
      notBefore: leaf.notBefore.toISOString(),
      notAfter: leaf.notAfter.toISOString(),
      daysLeft: decision.daysLeft,
      due,
      dueAt: dueAt.toISOString(),
      expired,
      chainLength: chain.length,
    };
    if (state) document.stateFile = statePathFor(path);
    if (state?.profile) document.profile = state.profile;
    if (state?.lastRun) document.lastRun = state.lastRun;
    if (ari) document.ari = ariDocument(ari);
    if (options.nagios) {
      const windowEnded = ari?.window !== undefined && ari.window.end.getTime() <= now.getTime();
      const timePassed = ari?.renewalAt !== undefined && ari.renewalAt.getTime() <= now.getTime();
      const critical = expired || decision.daysLeft < options.crit || windowEnded;
      const warning = timePassed || decision.due || decision.daysLeft < options.warn;
      const state = critical ? 2 : warning ? 1 : 0;
      const word = ['OK', 'WARNING', 'CRITICAL'][state]!;
      const names = leaf.names.join(',');
      const expiry = `expires in ${decision.daysLeft} days (${document.notAfter.slice(0, 10)})`;
      let text: string;
      if (expired) text = `ACME CERT CRITICAL - ${leaf.names[0]} expired on ${document.notAfter.slice(0, 10)}`;
      else if (windowEnded) text = `ACME CERT CRITICAL - ${names}: the CA's renewal window ended ${ari!.window!.end.toISOString()}, ${expiry}`;
      else if (state === 1 && timePassed) text = `ACME CERT WARNING - ${names}: the renewal time ${ari!.renewalAt!.toISOString()} has passed (ARI window ends ${ari!.window!.end.toISOString()}), ${expiry}`;
      else if (state === 1 && decision.due && decision.daysLeft >= options.warn) text = `ACME CERT WARNING - ${names}: due for renewal (${decision.reason}), ${expiry}`;
      else text = `ACME CERT ${word} - ${names} ${expiry}`;
      if (ari?.explanationURL && state > 0) text += `; the CA explains: ${ari.explanationURL}`;
      ctx.out.result({ ...document, nagios: { state: word, code: state } }, `${text} | days=${decision.daysLeft};${options.warn};${options.crit};0`);
      return state;
    }
    ctx.out.result(document, (paint) => {
      const word = expired ? paint.red('expired') : due ? paint.yellow('due for renewal') : paint.green('not due');
      const lines = [
        `${paint.bold(leaf.names.join(', '))}: ${word}`,
        `  issuer     ${leaf.issuer}`,
        `  serial     ${leaf.serial}`,
        `  valid      ${document.notBefore} to ${document.notAfter} (${decision.daysLeft} days left)`,
      ];
      if (ari?.window) {
        lines.push(`  window     ${ari.window.start.toISOString()} to ${ari.window.end.toISOString()} (the CA's renewal window, ARI ${ari.source === 'fetched' ? 'asked now' : `answer of ${ari.memory.fetchedAt}`})`);
        lines.push(`  renew at   ${ari.renewalAt!.toISOString()} (${ariDue ? 'due' : 'not due'})`);
        if (ari.explanationURL) lines.push(`  explained  ${ari.explanationURL}`);
      } else {
        lines.push(`  due        ${document.dueAt}${decision.due ? '' : ` (${options.days !== undefined ? `${options.days} days before expiry` : 'a third of the lifetime before expiry'})`}`);
      }
      if (state?.profile) lines.push(`  profile    ${state.profile}`);
      lines.push(`  chain      ${path} (${chain.length} certificate${chain.length === 1 ? '' : 's'})`);
      return lines.join('\n');
    });
    return document.ok ? 0 : 1;
  } catch (error) {
    if (!isCasctlError(error) || error.category === 'usage') throw error;
    if (options.nagios) {
      ctx.out.result({ ok: false, chain: path, nagios: { state: 'UNKNOWN', code: 3 }, error: { code: error.code, message: error.message } }, `ACME CERT UNKNOWN - ${error.message}`);
      return 3;
    }
    // A missing file is exit 3 like everywhere; a file that is there but bad is what status judges: exit 1.
    if (error.code !== 'E_ACME_CHAIN_INVALID') throw error;
    ctx.out.result({ ok: false, chain: path, error: { code: error.code, message: error.message } }, (paint) => `${paint.red('invalid')}: ${error.message}`);
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------- profiles

export interface ProfilesOptions extends ServerOptions, NetworkOptions {}

export async function runProfiles(ctx: Ctx, options: ProfilesOptions): Promise<number> {
  const cfg = await casConfigOf(ctx, options.casConfig);
  const directoryUrl = await resolveServer(ctx, options, cfg, {});
  const { fetchDirectory, profilesOf } = await import('../../acme/client.js');
  const { createHttpClient } = await import('../../io/http.js');
  const http = await createHttpClient({ caFile: options.caFile, insecure: options.insecure, timeoutMs: options.timeout * 1000, userAgent: 'casctl' });
  let directory;
  try {
    // a CA that cannot be reached is named as the ACME CA by fetchDirectory itself
    directory = await fetchDirectory(http, { directoryUrl });
  } finally {
    await http.close();
  }
  const profiles = profilesOf(directory);
  ctx.out.result({ ok: true, server: directoryUrl, profiles }, () => {
    if (profiles.length === 0) return `${new URL(directoryUrl).host} offers no profiles: every order gets the CA's default certificate`;
    const width = Math.max(...profiles.map((p) => p.name.length)) + 2;
    return profiles.map((p) => `${p.name.padEnd(width)}${p.description}`).join('\n');
  });
  return 0;
}

// ---------------------------------------------------------------------------------------------- revoke

export interface RevokeOptions extends ServerOptions, NetworkOptions {
  chain?: string;
  domain?: string;
  dir?: string;
  reason: string;
  accountKey?: string;
  domainKey?: string;
  withDomainKey?: boolean;
}

export async function runRevoke(ctx: Ctx, options: RevokeOptions): Promise<number> {
  const cfg = await casConfigOf(ctx, options.casConfig);
  const chainPath = await chainPathOf(ctx, options, cfg);
  const directoryUrl = await resolveServer(ctx, options, cfg, {});
  const keyPath = options.withDomainKey
    ? resolve(ctx.cwd, options.domainKey ?? (await configPath(cfg, 'cas.acme.domain-key.location')) ?? resolve(dirname(chainPath), 'domain.key'))
    : resolve(ctx.cwd, options.accountKey ?? (await configPath(cfg, 'cas.acme.user-key.location')) ?? defaultAccountKeyPath(ctx.env, directoryUrl));
  const { revokeCertificate } = await import('../../acme/revoke.js');
  const result = await ctx.out.task('Revoking', () =>
    revokeCertificate({
      chainPath,
      directoryUrl,
      keyPath,
      keyRole: options.withDomainKey ? 'domain' : 'account',
      reason: options.reason,
      caFile: options.caFile,
      insecure: options.insecure,
      timeoutMs: options.timeout * 1000,
      log: (line) => ctx.out.debug(line),
    }),
  );
  ctx.out.result({ ok: true, status: 'revoked', ...result }, (paint) => `${paint.green('revoked')}: serial ${result.serial} (${result.names.join(', ')}), reason ${result.reason}`);
  return 0;
}

