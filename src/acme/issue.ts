/**
 * One ACME order (RFC 8555 §7.4) for CAS's certificate, end to end, safe from cron:
 * lock the certificate directory → renewal decision (not due: nothing else happens) → keys → the
 * HTTP-01 responder (or webroot) → account → order → challenges → bounded polling → finalize with a CSR
 * signed by the domain key → check the certificate matches the key and names → only then write the files.
 * The responder is closed whatever way this ends (error, Ctrl-C included).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { CasctlError, errnoCode, fileError, inputError, refusedError, usageError } from '../errors.js';
import { pathExists, readTextFile, writeFileAtomic } from '../io/files.js';
import { withLock } from '../io/lock.js';
import type { Http01Responder } from '../io/http01-server.js';
import { certificateFacts, certInfo, parseChain, renewalDecision, sameNames, splitPemCerts, type CertInfo } from './cert.js';
import { createCsr } from './csr.js';
import { connect, describeProblem, ensureAccount, fetchDirectory, pollUntil, problemError, problemTypeOf, profilesOf, renewalInfoOf, type Problem } from './client.js';
import { ariCertId, formatDuration } from './ari.js';
import { ariDocument, checkAri, type AriOutcome } from './renewal.js';
import { readState, statePathFor, writeState, type CertState } from './state.js';
import type { HttpClient } from '../io/http.js';
import { encodeKey, generateKey, parsePrivateKey, spki, type KeyFormat, type KeySpec, type LoadedKey } from './keys.js';
import type { DomainFiles } from './paths.js';

export type ChallengeMode = { kind: 'standalone'; port: number; listen?: string } | { kind: 'webroot'; dir: string };

export interface IssueInput {
  names: string[];
  directoryUrl: string;
  caFile?: string;
  insecure?: boolean;
  timeoutMs: number;
  /** total time allowed for validation + issuance polling */
  pollTimeoutMs: number;
  email?: string;
  agreeTos: boolean;
  eab?: { kid: string; hmacKey: string };
  accountKeyPath: string;
  files: DomainFiles;
  p12Password?: string;
  keySpec: KeySpec;
  keyFormat: KeyFormat;
  newDomainKey: boolean;
  force: boolean;
  days?: number;
  challenge: ChallengeMode;
  /** fetch each challenge through the domain's own name on this port before telling the CA */
  preflight?: { port: number };
  dryRun: boolean;
  /** ask the CA's renewal information (RFC 9773) when it offers it (default true; --no-ari) */
  ari?: boolean;
  /** newOrder `profile` (checked against the directory's meta.profiles) */
  profile?: string;
  /** this machine's name, spreads the renewal time of hosts sharing a certificate (default os.hostname()) */
  host?: string;
  now?: Date;
}

export interface IssuePorts {
  /** one step of the order (a spinner on a TTY) */
  step<T>(label: string, fn: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  onInterrupt(cleanup: () => unknown): () => void;
  signal?: AbortSignal;
}

export interface IssueFiles {
  accountKey: string;
  domainKey: string;
  csr: string;
  chain: string;
  cert?: string;
  p12?: string;
  domainKeyBackup?: string;
}

export interface IssueResult {
  status: 'issued' | 'not-due';
  names: string[];
  notBefore: string;
  notAfter: string;
  dueAt: string;
  daysLeft: number;
  serial: string;
  issuer: string;
  server: string;
  dryRun: boolean;
  files: IssueFiles;
  /** what this run created or replaced */
  written: string[];
  account?: { url: string; created: boolean; keyCreated: boolean };
  domainKeyCreated?: boolean;
  requests?: number;
  badNonceRetries?: number;
  /** the state file beside the chain (not written on --dry-run) */
  stateFile: string;
  /** the CA's renewal information for the previous certificate, when asked */
  ari?: Record<string, unknown>;
  /** why this run renewed (or would have): 'ari', 'lifetime', 'forced', 'names', 'profile', 'first' */
  trigger?: string;
  /** the CertID sent as newOrder `replaces` */
  replaces?: string;
  /** the CA refused `replaces` (alreadyReplaced) and the order was placed again without it */
  replacesRetried?: boolean;
  profile?: string;
}

function filesOf(input: IssueInput): IssueFiles {
  const files: IssueFiles = { accountKey: input.accountKeyPath, domainKey: input.files.domainKey, csr: input.files.csr, chain: input.files.chain };
  if (input.files.cert) files.cert = input.files.cert;
  if (input.files.p12) files.p12 = input.files.p12;
  return files;
}

export async function issueCertificate(input: IssueInput, ports: IssuePorts): Promise<IssueResult> {
  const dir = dirname(input.files.chain);
  if (input.dryRun) return runOrder(input, ports);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(error, dir, 'certificate directory');
  }
  return withLock(join(dir, '.casctl-acme'), () => runOrder(input, ports), {
    what: 'certificate directory',
    waitMs: 30_000,
  });
}

async function readKeyIfAny(path: string, what: string): Promise<LoadedKey | undefined> {
  if (!(await pathExists(path))) return undefined;
  return parsePrivateKey(await readTextFile(path, what), path, what);
}

async function existingChain(path: string): Promise<CertInfo[] | undefined> {
  if (!(await pathExists(path))) return undefined;
  return parseChain(await readTextFile(path, 'certificate chain'), path);
}

const DAY = 86_400_000;
/** How long a directory read tells whether the CA offers ARI (renewalInfo) before casctl reads it again. */
const DIRECTORY_RECHECK_MS = 7 * DAY;

/** What step 1 (the renewal decision) hands on to the order. */
interface Decided {
  leaf?: CertInfo;
  leafCertId?: string;
  state?: CertState;
  rememberedProfile?: string;
  intervalMs?: number;
  ari?: AriOutcome;
  trigger: string;
}

/**
 * The short-lived trap: a certificate whose whole life is less than 3 days longer than the time between
 * runs can expire before a run renews it (a 6-day certificate with a weekly cron).
 */
export function shortLivedWarning(leaf: Pick<CertInfo, 'notBefore' | 'notAfter'>, intervalMs: number | undefined): string | undefined {
  if (intervalMs === undefined) return undefined;
  const life = leaf.notAfter.getTime() - leaf.notBefore.getTime();
  if (life >= intervalMs + 3 * DAY) return undefined;
  return `the certificate lives ${formatDuration(life)} but the previous run for it was ${formatDuration(intervalMs)} ago: at that pace a renewal can come too late; run acme issue every few hours (see the short-lived recipe in casctl-acme-issue(1))`;
}

async function saveState(chain: string, state: CertState, ports: IssuePorts): Promise<void> {
  try {
    await writeState(chain, state);
  } catch (error) {
    // Bookkeeping only: the certificate files are what matter, so a state file that cannot be written warns.
    ports.warn(`cannot write the ACME state file ${statePathFor(chain)}: ${(error as Error).message}`);
  }
}

/** Step 1: is there anything to do? Reads the state file and, when the CA offers it, asks ARI. */
async function decide(input: IssueInput, ports: IssuePorts, now: Date): Promise<Decided | IssueResult> {
  const current = await existingChain(input.files.chain);
  const state = input.dryRun ? undefined : await readState(input.files.chain);
  const sameCa = state?.server === input.directoryUrl;
  const rememberedProfile = sameCa ? state?.profile : undefined;
  const previousRun = state?.lastRun ? Date.parse(state.lastRun) : Number.NaN;
  const intervalMs = Number.isFinite(previousRun) && previousRun < now.getTime() ? now.getTime() - previousRun : undefined;
  const leaf = current?.[0];
  let leafCertId: string | undefined;
  try {
    leafCertId = leaf ? ariCertId(leaf.cert) : undefined;
  } catch (error) {
    ports.debug(`no CertID for ${input.files.chain}: ${(error as Error).message}`);
  }
  const decided: Decided = { leaf, leafCertId, state, rememberedProfile, intervalMs, trigger: leaf ? 'lifetime' : 'first' };
  if (!leaf || input.dryRun) return decided;
  const forced = input.force || input.newDomainKey;
  if (!sameNames(leaf.names, input.names)) {
    decided.trigger = 'names';
    ports.info(`${input.files.chain} is for ${leaf.names.join(', ')}: issuing for ${input.names.join(', ')}`);
    return decided;
  }
  if (!forced && input.profile !== undefined && input.profile !== rememberedProfile) {
    decided.trigger = 'profile';
    ports.info(`the certificate was ordered ${rememberedProfile ? `with the profile '${rememberedProfile}'` : "with the CA's default profile"}: renewing with '${input.profile}'`);
    return decided;
  }

  const lifetime = renewalDecision(leaf, now, input.days);
  const expired = leaf.notAfter.getTime() <= now.getTime();
  // A state file from another CA starts afresh (its profile and renewalInfo mean nothing here).
  const newState: CertState = { ...(sameCa ? state : {}), version: 1, server: input.directoryUrl, lastRun: now.toISOString() };
  let ari: AriOutcome | undefined;
  if (input.ari !== false && leafCertId && !expired) {
    let http: HttpClient | undefined;
    const httpClient = async () => {
      const { createHttpClient } = await import('../io/http.js');
      http ??= await createHttpClient({ caFile: input.caFile, insecure: input.insecure, timeoutMs: input.timeoutMs, userAgent: 'casctl' });
      return http;
    };
    try {
      // The renewalInfo URL is remembered: a run with nothing due makes one request, the ARI GET.
      let renewalInfo = sameCa ? state?.renewalInfo : undefined;
      const checkedAt = sameCa && state?.directoryCheckedAt ? Date.parse(state.directoryCheckedAt) : Number.NaN;
      if (!renewalInfo && !(now.getTime() - checkedAt < DIRECTORY_RECHECK_MS)) {
        try {
          const directory = await fetchDirectory(await httpClient(), { directoryUrl: input.directoryUrl });
          renewalInfo = renewalInfoOf(directory);
          newState.renewalInfo = renewalInfo;
          newState.directoryCheckedAt = now.toISOString();
        } catch (error) {
          ports.warn(`ARI: cannot read the CA's directory (${(error as Error).message}); using the lifetime rule`);
        }
      }
      if (renewalInfo) {
        ari = await checkAri({
          certId: leafCertId,
          renewalInfo,
          memory: state?.ari,
          now,
          // --force asks again even while Retry-After runs: its run reports the CA's current window.
          refetch: forced,
          host: input.host ?? hostname(),
          intervalMs,
          timeoutMs: input.timeoutMs,
          http: httpClient,
          log: ports.debug,
        });
        newState.ari = ari.memory;
        if (ari.warning) ports.warn(`ARI (renewal information) failed: ${ari.warning}; using the lifetime rule`);
      }
    } finally {
      await http?.close().catch(() => {});
    }
  }
  decided.ari = ari;
  newState.certId = leafCertId;
  newState.serial = leaf.serial;
  await saveState(input.files.chain, newState, ports);

  // --new-domain-key needs a certificate for the new key: it implies --force.
  if (forced) {
    decided.trigger = 'forced';
    return decided;
  }
  const ariDue = ari?.decision?.due === true;
  const due = ari?.decision ? ariDue || (input.days !== undefined && lifetime.due) : lifetime.due;
  if (!due) {
    const warning = shortLivedWarning(leaf, intervalMs);
    if (warning) ports.warn(warning);
    const dueAt = ari?.renewalAt && !(input.days !== undefined && lifetime.dueAt < ari.renewalAt) ? ari.renewalAt : lifetime.dueAt;
    const result: IssueResult = {
      status: 'not-due',
      ...certificateFacts(leaf, { ...lifetime, dueAt }),
      server: input.directoryUrl,
      dryRun: false,
      files: filesOf(input),
      written: [],
      stateFile: statePathFor(input.files.chain),
    };
    if (ari) result.ari = ariDocument(ari);
    if (rememberedProfile) result.profile = rememberedProfile;
    return result;
  }
  if (ariDue) {
    decided.trigger = 'ari';
    const w = ari!.window!;
    ports.info(`the CA asks for renewal now (renewal window ${w.start.toISOString()} to ${w.end.toISOString()}): renewing`);
    if (ari!.explanationURL) ports.info(`the CA's explanation: ${ari!.explanationURL}`);
  } else {
    ports.info(`the certificate is due (${lifetime.reason}): renewing`);
  }
  return decided;
}

async function runOrder(input: IssueInput, ports: IssuePorts): Promise<IssueResult> {
  const now = input.now ?? new Date();
  const files = filesOf(input);

  // 1. Renewal decision: a certificate for the same names that is not due means nothing to do.
  const decided = await decide(input, ports, now);
  if ('status' in decided) return decided;
  const { leaf: previous, leafCertId, rememberedProfile, intervalMs } = decided;

  // 2. The challenge responder first: a port that is taken fails before anything is asked of the CA.
  let responder: Http01Responder | undefined;
  const webrootFiles = new Set<string>();
  let closeSession: (() => Promise<void>) | undefined;
  const cleanup = async () => {
    await closeSession?.().catch(() => {});
    closeSession = undefined;
    await responder?.close().catch(() => {});
    responder = undefined;
    await Promise.all([...webrootFiles].map((f) => rm(f, { force: true })));
    webrootFiles.clear();
  };
  const unregister = ports.onInterrupt(cleanup);
  try {
    if (input.challenge.kind === 'standalone') {
      const { startHttp01Responder } = await import('../io/http01-server.js');
      const { port, listen } = input.challenge;
      responder = await startHttp01Responder({ port, listen, log: ports.debug });
      ports.debug(`http-01 responder listening on ${responder.addresses.join(', ')} port ${responder.port}`);
    }

    // 3. Keys: existing ones are reused, never replaced (except --new-domain-key, which keeps a .bak).
    const existingAccountKey = await readKeyIfAny(input.accountKeyPath, 'account key');
    const accountKeyCreated = !existingAccountKey;
    const accountKey = existingAccountKey ?? (await generateKey(input.keySpec));
    const existingDomainKey = input.newDomainKey ? undefined : await readKeyIfAny(input.files.domainKey, 'domain key');
    const domainKeyCreated = !existingDomainKey;
    const domainKey = existingDomainKey ?? (await generateKey(input.keySpec));

    const session = await ports.step(`Connecting to ${new URL(input.directoryUrl).host}`, () =>
      connect({
        directoryUrl: input.directoryUrl,
        accountKey: accountKey.pkcs8,
        caFile: input.caFile,
        insecure: input.insecure,
        timeoutMs: input.timeoutMs,
        eab: input.eab,
        log: ports.debug,
      }),
    );
    closeSession = () => session.close();

    // Profiles and ARI come from the directory: both are checked before anything is asked of the CA.
    const renewalInfo = renewalInfoOf(session.directory);
    const offered = profilesOf(session.directory);
    let profile = input.profile ?? rememberedProfile;
    if (input.profile !== undefined && !offered.some((p) => p.name === input.profile)) {
      const host = new URL(input.directoryUrl).host;
      const list = offered.map((p) => `  ${p.name.padEnd(Math.max(...offered.map((o) => o.name.length)) + 2)}${p.description}`).join('\n');
      throw usageError(
        'E_ACME_PROFILE_UNKNOWN',
        offered.length > 0
          ? `${host} offers no profile '${input.profile}'; it offers:\n${list}`
          : `${host} offers no profiles (its directory has no meta.profiles): --profile ${input.profile} cannot be used`,
        {
          hint: offered.length > 0 ? `pick one of: ${offered.map((p) => p.name).join(', ')} (casctl acme profiles lists them)` : "drop --profile: the CA issues its default certificate",
          details: { profiles: offered },
        },
      );
    }
    if (profile !== undefined && input.profile === undefined && !offered.some((p) => p.name === profile)) {
      ports.warn(`the CA no longer offers the profile '${profile}' this certificate was ordered with: ordering with the CA's default`);
      profile = undefined;
    }
    // RFC 9773 §5: name the predecessor, if the CA offers ARI and shares a name with it.
    const replaces =
      input.ari !== false && renewalInfo && previous && leafCertId && !input.dryRun && previous.names.some((n) => input.names.includes(n)) ? leafCertId : undefined;

    const account = await ports.step('Account', async () => {
      const result = await ensureAccount(session, { agreeTos: input.agreeTos, email: input.email });
      // The account key is kept as soon as the CA knows it, so a failed order never orphans an account.
      if (accountKeyCreated && !input.dryRun) {
        await writeFileAtomic(input.accountKeyPath, encodeKey(accountKey.key, input.keyFormat), {
          mode: 0o600,
          mkdirs: true,
          what: 'account key',
        });
      }
      return result;
    });
    ports.debug(`account ${account.url}${account.created ? ' (new)' : ''}`);

    const { client } = session;
    const deadline = Date.now() + input.pollTimeoutMs;
    const payload: Record<string, unknown> = { identifiers: input.names.map((value) => ({ type: 'dns', value })) };
    if (profile !== undefined) payload.profile = profile;
    if (replaces) payload.replaces = replaces;
    let replacesRetried = false;
    const order: any = await ports.step(`Order for ${input.names.join(', ')}${profile ? ` (profile ${profile})` : ''}`, async () => {
      try {
        return await session.call(() => client.createOrder(payload), 'creating the order');
      } catch (error) {
        if (!replaces || !problemTypeOf(error)?.endsWith(':alreadyReplaced')) throw error;
        // Another node renewed this certificate first: a fresh order, not a replacement (RFC 9773 §5).
        ports.info(`the CA says certificate ${replaces} was already replaced (by another host?): ordering again without "replaces"`);
        replacesRetried = true;
        delete payload.replaces;
        return session.call(() => client.createOrder(payload), 'creating the order');
      }
    });
    const authorizations: any[] = await session.call(() => client.getAuthorizations(order), 'fetching the authorizations');

    await ports.step(`HTTP-01 validation of ${authorizations.length} name${authorizations.length === 1 ? '' : 's'}`, async () => {
      const pending: { authz: any; challenge: any; name: string }[] = [];
      for (const authz of authorizations) {
        const name: string = authz.identifier?.value;
        if (authz.status === 'valid') continue;
        const challenge = (authz.challenges ?? []).find((c: any) => c.type === 'http-01');
        if (!challenge) {
          throw refusedError('E_ACME_NO_HTTP01', `the CA offers no http-01 challenge for ${name} (offers: ${(authz.challenges ?? []).map((c: any) => c.type).join(', ')})`);
        }
        const keyAuthorization: string = await client.getChallengeKeyAuthorization(challenge);
        if (responder) responder.set(challenge.token, keyAuthorization);
        else if (input.challenge.kind === 'webroot') {
          const wellKnown = join(input.challenge.dir, '.well-known', 'acme-challenge');
          const file = join(wellKnown, challenge.token);
          try {
            await mkdir(wellKnown, { recursive: true, mode: 0o755 });
            webrootFiles.add(file);
            await writeFile(file, keyAuthorization, { mode: 0o644 });
          } catch (error) {
            throw fileError(error, file, 'webroot challenge file');
          }
        }
        pending.push({ authz, challenge, name });
      }
      if (input.preflight) {
        for (const { challenge, name } of pending) await preflight(name, input.preflight.port, challenge.token, await client.getChallengeKeyAuthorization(challenge), input.timeoutMs, ports);
      }
      await Promise.all(pending.map(({ challenge }) => session.call(() => client.completeChallenge(challenge), 'starting validation')));
      await Promise.all(
        pending.map(async ({ authz, challenge, name }) => {
          const result = await pollUntil(session, authz.url, { deadline, what: `the authorization of ${name}`, done: ['valid'], signal: ports.signal });
          if (result.status !== 'valid') {
            const c = (result.challenges ?? []).find((x: any) => x.type === 'http-01') ?? challenge;
            const problem: Problem = c.error ?? result.error ?? { detail: `authorization ${result.status}` };
            const error = problemError(problem, authz.url, `validation of ${name} failed`);
            throw new CasctlError(error.category, 'E_ACME_VALIDATION_FAILED', error.message, {
              details: { domain: name, problem },
              hint: hintForValidation(problem, input),
            });
          }
        }),
      );
    });

    const csr = await ports.step('Finalizing', async () => {
      const csrPem = createCsr(input.names, domainKey.key).pem;
      let state = await pollUntil(session, order.url, { deadline, what: 'the order', done: ['ready', 'valid'], signal: ports.signal });
      if (state.status === 'ready') {
        await session.call(() => client.finalizeOrder({ ...order, ...state, url: order.url }, csrPem), 'finalizing the order');
        state = await pollUntil(session, order.url, { deadline, what: 'the order', done: ['valid'], signal: ports.signal });
      }
      if (state.status !== 'valid') {
        throw refusedError('E_ACME_ORDER_INVALID', `the order became ${state.status}${state.error ? `: ${describeProblem(state.error)}` : ''}`, {
          details: { problem: state.error, url: order.url },
        });
      }
      Object.assign(order, state, { url: order.url });
      return csrPem;
    });

    const chainPem: string = await ports.step('Downloading the certificate', () => session.call(() => client.getCertificate(order), 'downloading the certificate'));
    const pems = splitPemCerts(chainPem);
    if (pems.length === 0) throw refusedError('E_ACME_BAD_CERTIFICATE', 'the CA returned no PEM certificate');
    const leafX509 = new X509Certificate(pems[0]!);
    const leaf = certInfo(leafX509);
    // Never write a certificate that does not belong to the key next to it.
    if (!spki(leafX509.publicKey).equals(spki(domainKey.key))) {
      throw refusedError('E_ACME_KEY_MISMATCH', "the certificate's public key does not match the domain key: nothing was written");
    }
    if (!sameNames(leaf.names, input.names)) {
      throw refusedError('E_ACME_NAMES_MISMATCH', `the certificate names ${leaf.names.join(', ')}, not ${input.names.join(', ')}: nothing was written`);
    }

    const written: string[] = [];
    if (accountKeyCreated && !input.dryRun) written.push(input.accountKeyPath);
    let domainKeyBackup: string | undefined;
    if (!input.dryRun) {
      const chainText = `${pems.join('\n')}\n`;
      if (domainKeyCreated) {
        const result = await writeFileAtomic(input.files.domainKey, encodeKey(domainKey.key, input.keyFormat), {
          mode: 0o600,
          mkdirs: true,
          overwrite: input.newDomainKey,
          backup: input.newDomainKey,
          what: 'domain key',
          existsHint: 'the domain key appeared while the order ran; re-run',
        });
        domainKeyBackup = result.backupPath;
        written.push(input.files.domainKey);
      }
      await writeFileAtomic(input.files.csr, csr, { mode: 0o600, mkdirs: true, overwrite: true, what: 'CSR' });
      written.push(input.files.csr);
      await writeFileAtomic(input.files.chain, chainText, { mode: 0o600, mkdirs: true, overwrite: true, what: 'certificate chain' });
      written.push(input.files.chain);
      if (input.files.cert) {
        await writeFileAtomic(input.files.cert, `${pems[0]}\n`, { mode: 0o600, mkdirs: true, overwrite: true, what: 'certificate' });
        written.push(input.files.cert);
      }
      if (input.files.p12) {
        const { buildPkcs12 } = await import('./p12.js');
        const der = await buildPkcs12(domainKey.pkcs8, pems, input.p12Password ?? '', input.names[0]!);
        await writeFileAtomic(input.files.p12, der, { mode: 0o600, mkdirs: true, overwrite: true, what: 'PKCS#12 keystore' });
        written.push(input.files.p12);
      }
    }
    const newCertId = (() => {
      try {
        return ariCertId(leafX509);
      } catch {
        return undefined;
      }
    })();
    if (!input.dryRun) {
      // The new certificate's state: its CA, profile and renewalInfo URL; no ARI answer yet (asked next run).
      const state: CertState = { version: 1, server: input.directoryUrl, directoryCheckedAt: now.toISOString(), lastRun: now.toISOString() };
      if (renewalInfo) state.renewalInfo = renewalInfo;
      if (profile !== undefined) state.profile = profile;
      if (newCertId) state.certId = newCertId;
      state.serial = leaf.serial;
      await saveState(input.files.chain, state, ports);
      const warning = shortLivedWarning(leaf, intervalMs);
      if (warning) ports.warn(warning);
    }
    const decision = renewalDecision(leaf, now, input.days);
    const result: IssueResult = {
      status: 'issued',
      ...certificateFacts(leaf, decision),
      server: input.directoryUrl,
      dryRun: input.dryRun,
      files: domainKeyBackup ? { ...files, domainKeyBackup } : files,
      written,
      account: { url: account.url, created: account.created, keyCreated: accountKeyCreated },
      domainKeyCreated,
      requests: session.counters.requests,
      badNonceRetries: session.counters.badNonce,
      stateFile: statePathFor(input.files.chain),
      trigger: decided.trigger,
    };
    if (decided.ari) result.ari = ariDocument(decided.ari);
    if (payload.replaces || replacesRetried) result.replaces = replaces;
    if (replacesRetried) result.replacesRetried = true;
    if (profile !== undefined) result.profile = profile;
    return result;
  } finally {
    unregister();
    await cleanup();
  }
}

function hintForValidation(problem: Problem, input: IssueInput): string {
  const type = problem.type ?? '';
  const where = input.challenge.kind === 'standalone' ? `casctl's responder on port ${input.challenge.port}` : `the webroot ${input.challenge.dir}`;
  if (type.endsWith(':connection') || type.endsWith(':dns')) {
    return `the CA could not reach ${where} through the domain's name: check DNS, firewalls and port 80 forwarding; --preflight tests this first`;
  }
  if (type.endsWith(':unauthorized')) return `the CA fetched something other than the key authorization: check what answers for the domain on port 80 (${where})`;
  return 'see the CA problem above; --verbose shows every request';
}

/** Fetches the challenge through the domain's own name, as the CA will, before the CA counts a failure. */
async function preflight(name: string, port: number, token: string, expected: string, timeoutMs: number, ports: IssuePorts) {
  const { createHttpClient } = await import('../io/http.js');
  const http = await createHttpClient({ timeoutMs: Math.min(timeoutMs, 10_000) });
  const url = `http://${name}${port === 80 ? '' : `:${port}`}/.well-known/acme-challenge/${token}`;
  try {
    const response = await http.request({ url });
    if (response.status !== 200 || response.body.trim() !== expected) {
      throw inputError('E_ACME_PREFLIGHT', `preflight: ${url} answered HTTP ${response.status}${response.status === 200 ? ' with something other than the key authorization' : ''}`, {
        hint: 'the CA would fail the same way: check what serves port 80 for this name (DNS, proxy, --webroot path); nothing was sent to the CA for validation',
        details: { domain: name, url, status: response.status },
      });
    }
    ports.debug(`preflight ${url}: ok`);
  } catch (error) {
    if (error instanceof CasctlError && error.code === 'E_ACME_PREFLIGHT') throw error;
    const reason = error instanceof CasctlError ? error.message : String(error);
    throw inputError('E_ACME_PREFLIGHT', `preflight: cannot fetch ${url}: ${reason}`, {
      hint: "the CA would fail the same way: check the domain's DNS record and that port 80 reaches this machine; nothing was sent to the CA for validation",
      details: { domain: name, url, code: errnoCode((error as { cause?: unknown }).cause) },
    });
  } finally {
    await http.close();
  }
}
