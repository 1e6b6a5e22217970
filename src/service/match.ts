/**
 * `casctl service match`: which definition CAS chooses for a service URL. CAS cuts `;jsessionid`,
 * takes the CAS-type definitions (the default locator; OAuth/OIDC/SAML ones answer only their own
 * protocols) in its order, and the first whose matching strategy accepts the URL wins. A disabled
 * winner, or none, is "Application Not Authorized to Use CAS" / UNAUTHORIZED_SERVICE.
 */
import type { Paint } from '../io/output.js';
import { printable } from '../hjson/read.js';
import type { ServiceDefinition } from './definition.js';
import type { CasVersion } from './model.js';
import { buildRegistry, definitionMatches, normalizeServiceUrl, sampleUrls } from './registry.js';
import type { ReadResult } from './definition.js';

export interface ServiceSummary {
  file: string;
  line?: number;
  id?: number;
  name: string;
  serviceId: string;
  evaluationOrder: number;
  strategy: string;
  className: string;
  enabled: boolean;
  ssoEnabled: boolean;
}

export interface Passed extends ServiceSummary {
  /** why CAS went past it */
  reason: string;
}

export interface Closest extends ServiceSummary {
  differences: string[];
}

export interface MatchReport {
  url: string;
  /** the URL CAS matches (`;jsessionid` cut) */
  serviceUrl: string;
  casVersion: CasVersion;
  /** an enabled definition matched: CAS lets the application in */
  allowed: boolean;
  winner?: ServiceSummary;
  /** every CAS definition before the winner (all of them when none matched), in CAS's order */
  passed: Passed[];
  closest: Closest[];
  /** CAS's answer when it refuses the URL */
  casAnswer?: { code: 'UNAUTHORIZED_SERVICE'; message: string };
  /** definitions casctl could not judge (their regex is beyond its translation) */
  undecided: ServiceSummary[];
  /** files CAS would skip or services it drops (see service lint) */
  skipped: number;
  /** services of other protocols, which a plain service URL never reaches */
  otherProtocols: number;
}

export function summarize(d: ServiceDefinition): ServiceSummary {
  return {
    file: d.file,
    ...(d.at.line > 0 ? { line: d.at.line } : {}),
    ...(d.id !== undefined ? { id: d.id } : {}),
    name: d.name,
    serviceId: d.serviceId,
    evaluationOrder: d.evaluationOrder,
    strategy: d.strategy,
    className: d.className,
    enabled: d.enabled,
    ssoEnabled: d.ssoEnabled,
  };
}

interface UrlFacts {
  scheme: string;
  host: string;
  port: string;
  path: string;
}

function urlFacts(url: string): UrlFacts | undefined {
  try {
    const u = new URL(url);
    return { scheme: u.protocol.replace(/:$/, ''), host: u.hostname.toLowerCase(), port: u.port, path: `${u.pathname}${u.search}` };
  } catch {
    return undefined;
  }
}

/** Small edits of the URL that would make the definition match, each naming the difference. */
function nearMisses(d: ServiceDefinition, url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const scheme = u.protocol.replace(/:$/, '');
  const tries: [string, string][] = [];
  for (const other of ['https', 'http']) {
    if (other !== scheme && /^https?$/.test(scheme)) tries.push([url.replace(/^[a-z]+:/i, `${other}:`), `scheme: the serviceId accepts ${other}, not ${scheme}`]);
  }
  if (u.port) tries.push([url.replace(`:${u.port}`, ''), `port: the serviceId wants no port, the URL has ${u.port}`]);
  const base = url.replace(/[?#].*$/, '');
  if (base !== url) tries.push([base, `a missing .*: the serviceId matches ${base} but not the query string after it, and FullRegex needs the whole URL to match`]);
  if (!/[?#]/.test(url)) tries.push([`${url}/`, `a trailing slash: the serviceId matches ${url}/ but not ${url}`]);
  const origin = `${u.protocol}//${u.host}`;
  if (origin !== base && origin !== url) tries.push([origin, `a missing .*: the serviceId matches ${origin} but not the path after it, and FullRegex needs the whole URL to match`]);
  for (const [candidate, text] of tries) if (definitionMatches(d, candidate) === true) return [text];
  return [];
}

/** How the URL differs from what a definition was written for (a near miss, else its sample URLs). */
export function differences(d: ServiceDefinition, url: string): string[] {
  const near = nearMisses(d, url);
  if (near.length > 0) return near;
  const diffs: string[] = [];
  const target = urlFacts(url);
  const sample = sampleUrls(d)[0];
  const expected = sample ? urlFacts(sample) : undefined;
  if (target && expected) {
    if (target.scheme !== expected.scheme) diffs.push(`scheme: the URL is ${target.scheme}, the serviceId wants ${expected.scheme}`);
    if (target.host !== expected.host) diffs.push(`host: the URL has ${target.host}, the serviceId wants ${expected.host}`);
    if (target.port !== expected.port) diffs.push(`port: the URL has ${target.port || 'the default port'}, the serviceId wants ${expected.port || 'the default port'}`);
    if (diffs.length === 0 && target.path !== expected.path) {
      const base = url.replace(/[?#].*$/, '');
      const cut = [base, base.replace(/\/[^/]*$/, ''), `${target.scheme}://${new URL(url).host}`];
      const prefix = cut.find((candidate) => candidate !== url && definitionMatches(d, candidate) === true);
      if (prefix && d.strategy === 'FullRegex' && !/\.\*\)?\??\$?$/.test(d.serviceId)) {
        diffs.push(`a missing .*: the serviceId matches ${prefix} but FullRegex needs the whole URL to match, and it does not end with .*`);
      } else diffs.push(`path: the URL has ${target.path || '/'}, the serviceId is written for ${expected.path || '/'}`);
    }
  }
  if (diffs.length === 0 && !/[?#]/.test(url) && definitionMatches(d, `${url}/`) === true) {
    diffs.push(`a trailing slash: the serviceId matches ${url}/ but not ${url}`);
  }
  if (diffs.length === 0) diffs.push(`the serviceId ${JSON.stringify(printable(d.serviceId, 100))} (${d.strategy}) does not match the URL`);
  return diffs;
}

function closeness(d: ServiceDefinition, url: string): number {
  const target = urlFacts(url);
  const sample = sampleUrls(d)[0];
  const expected = sample ? urlFacts(sample) : undefined;
  if (!target || !expected) return 0;
  let score = 0;
  if (target.host === expected.host) score += 4;
  else if (target.host.endsWith(expected.host.replace(/^[^.]+/, '')) && expected.host.includes('.')) score += 1;
  if (target.scheme === expected.scheme) score += 1;
  if (target.port === expected.port) score += 1;
  if (target.path.startsWith(expected.path.replace(/\/casctl-probe$/, ''))) score += 1;
  return target.host === expected.host || score >= 3 ? score : 0;
}

export function matchService(results: ReadResult[], url: string, version: CasVersion): MatchReport {
  const serviceUrl = normalizeServiceUrl(url);
  const { services } = buildRegistry(results.flatMap((r) => (r.definition ? [r.definition] : [])));
  const skipped = results.filter((r) => !r.definition).length;
  const candidates = services.filter((d) => d.kind === 'cas');
  const passed: Passed[] = [];
  const undecided: ServiceSummary[] = [];
  let winner: ServiceDefinition | undefined;
  for (const d of candidates) {
    const verdict = definitionMatches(d, serviceUrl);
    if (verdict === true) {
      winner = d;
      break;
    }
    let reason: string;
    if (verdict === undefined) {
      undecided.push(summarize(d));
      reason = `casctl cannot judge its serviceId (${d.regex && !d.regex.ok ? d.regex.message : 'untranslatable'}); CAS might choose it`;
    } else if (d.regex && !d.regex.ok) reason = `its serviceId is not a valid Java regex (${d.regex.message}): CAS matches it against nothing`;
    else reason = differences(d, serviceUrl).join('; ');
    passed.push({ ...summarize(d), reason });
  }
  const allowed = winner !== undefined && winner.enabled;
  const closest =
    winner === undefined
      ? candidates
          .map((d) => ({ d, score: closeness(d, serviceUrl) }))
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score)
          .slice(0, 3)
          .map(({ d }) => ({ ...summarize(d), differences: differences(d, serviceUrl) }))
      : [];
  const report: MatchReport = {
    url,
    serviceUrl,
    casVersion: version,
    allowed,
    ...(winner ? { winner: summarize(winner) } : {}),
    passed,
    closest,
    undecided,
    skipped,
    otherProtocols: services.length - candidates.length,
  };
  if (!allowed) {
    report.casAnswer = {
      code: 'UNAUTHORIZED_SERVICE',
      message: winner
        ? `Unauthorized Service Access. Service [${serviceUrl}] is not enabled in service registry.`
        : `Unauthorized Service Access. Service [${serviceUrl}] is not found in service registry.`,
    };
  }
  return report;
}

const describe = (s: ServiceSummary) =>
  `${JSON.stringify(s.name)}${s.id !== undefined ? ` (id ${s.id})` : ''} in ${s.file}${s.line ? `:${s.line}` : ''}`;

export function formatMatch(report: MatchReport, paint: Paint, remote?: RemoteVerdictText): string {
  const lines: string[] = [];
  if (report.serviceUrl !== report.url) lines.push(`${paint.dim('service URL as CAS sees it:')} ${report.serviceUrl}`);
  if (report.winner) {
    const w = report.winner;
    const mark = report.allowed ? paint.green('✔') : paint.red('✖');
    lines.push(`${mark} ${describe(w)} matches`);
    lines.push(`  serviceId        ${w.serviceId}`);
    lines.push(`  matching         ${w.strategy}`);
    lines.push(`  evaluationOrder  ${w.evaluationOrder}`);
    lines.push(`  enabled          ${w.enabled ? 'yes' : paint.red('no: CAS refuses the application')}`);
    lines.push(`  SSO              ${w.ssoEnabled ? 'yes' : 'no: users log in again for this service'}`);
  } else {
    lines.push(`${paint.red('✖')} no service definition matches ${report.serviceUrl}`);
  }
  if (report.passed.length > 0) {
    lines.push(report.winner ? `${paint.dim(`earlier in CAS's order (${report.passed.length}):`)}` : paint.dim(`tried in CAS's order (${report.passed.length}):`));
    const shown = report.winner ? report.passed : report.passed.slice(0, 10);
    for (const p of shown) lines.push(`  ${describe(p)}, order ${p.evaluationOrder}: ${p.reason}`);
    if (shown.length < report.passed.length) lines.push(`  … and ${report.passed.length - shown.length} more (--json lists all)`);
  }
  if (report.closest.length > 0) {
    lines.push(paint.dim('closest definitions:'));
    for (const c of report.closest) {
      lines.push(`  ${describe(c)}: ${c.serviceId}`);
      for (const d of c.differences) lines.push(`    - ${d}`);
    }
  }
  if (report.otherProtocols > 0) lines.push(paint.dim(`${report.otherProtocols} OAuth/OIDC/SAML/WS-Fed definition(s) not considered: a plain service URL reaches CAS definitions only`));
  if (report.skipped > 0) lines.push(paint.yellow(`${report.skipped} file(s) CAS would skip or drop: run casctl service lint`));
  if (report.casAnswer) lines.push(`CAS answers: ${paint.bold(report.casAnswer.code)} ("Application Not Authorized to Use CAS"): ${report.casAnswer.message}`);
  if (remote) lines.push(...remote(paint));
  return lines.join('\n');
}

export type RemoteVerdictText = (paint: Paint) => string[];
