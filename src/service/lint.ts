/**
 * `casctl service lint`: every definition file read as CAS reads it (definition.ts), then the registry
 * as a whole: duplicate ids, file names the watcher cannot map, http beside https, ties in
 * evaluationOrder, and definitions an earlier one hides completely.
 */
import type { Paint } from '../io/output.js';
import { printable } from '../hjson/read.js';
import { readServiceDefinition, urlParts, type Finding, type ReadResult, type ServiceDefinition } from './definition.js';
import type { CasVersion } from './model.js';
import { buildRegistry, definitionMatches, sampleUrls } from './registry.js';

export interface SourceFile {
  /** as the user should see it */
  path: string;
  text: string;
}

export interface LintReport {
  ok: boolean;
  casVersion: CasVersion;
  files: number;
  /** services CAS would hold after loading */
  services: number;
  errors: number;
  warnings: number;
  findings: Finding[];
}

export async function readDefinitions(files: SourceFile[], version: CasVersion): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for (const file of files) results.push(await readServiceDefinition(file.path, file.text, { version }));
  return results;
}

const where = (d: ServiceDefinition) => `${d.file}${d.at.line > 0 ? `:${d.at.line}` : ''}`;
const label = (d: ServiceDefinition) => `"${printable(d.name, 60)}"${d.id !== undefined ? ` (id ${d.id})` : ''}`;

export function lintRegistry(results: ReadResult[], version: CasVersion): LintReport {
  const findings: Finding[] = results.flatMap((r) => r.findings);
  const add = (d: ServiceDefinition, severity: Finding['severity'], code: string, message: string, at = d.at, hint?: string) =>
    findings.push({ severity, code, message, file: d.file, ...(at.line > 0 ? { line: at.line, column: at.column } : {}), ...(hint ? { hint } : {}) });

  const definitions = results.flatMap((r) => (r.definition ? [r.definition] : []));
  const { services, duplicates } = buildRegistry(definitions);
  for (const { kept, dropped } of duplicates) {
    add(
      dropped,
      'error',
      'duplicate-id',
      `id ${dropped.id ?? '(none)'} is also used by ${label(kept)} in ${where(kept)}: CAS keeps that one (it sorts first) and drops this service`,
      dropped.idAt ?? dropped.at,
      'give every definition its own id (and name the file <name>-<id>.json)',
    );
  }

  // The watcher maps a changed file to its service through the id in the file name.
  for (const d of definitions) {
    const base = d.file.split(/[\\/]/).pop()!;
    const match = /^(?:\w+-)+(\d+)\.(?:json|ya?ml)$/i.exec(base);
    const expected = `${d.name.replace(/\s+/g, '')}-${d.id ?? '<id>'}.${d.format === 'yaml' ? 'yml' : 'json'}`;
    if (!match) {
      add(d, 'warning', 'file-name', `the file name ${base} is not <name>-<id>.${d.format === 'yaml' ? 'yml' : 'json'}: CAS loads it, but its watcher cannot tell which service an edit or deletion belongs to`, d.at, `rename it ${expected}`);
    } else if (d.id !== undefined && Number(match[1]) !== d.id) {
      add(d, 'warning', 'file-name', `the file name ${base} says id ${match[1]} but the definition has id ${d.id}: CAS's watcher applies edits and deletions of this file to the wrong service`, d.at, `rename it ${expected}`);
    }
  }

  const cas = services.filter((d) => d.kind === 'cas');

  // http next to https for the same host.
  const byHost = new Map<string, ServiceDefinition[]>();
  for (const d of cas) {
    if (d.strategy !== 'FullRegex' && d.strategy !== 'PartialRegex') continue;
    const parts = urlParts(d.serviceId);
    if (!parts || !/^[a-z0-9.\\-]+$/i.test(parts.host)) continue;
    const host = parts.host.replace(/\\\./g, '.').toLowerCase();
    byHost.set(host, [...(byHost.get(host) ?? []), d]);
  }
  for (const [host, list] of byHost) {
    const scheme = (d: ServiceDefinition) => urlParts(d.serviceId)!.scheme.toLowerCase();
    const https = list.filter((d) => scheme(d) === 'https');
    for (const d of list.filter((x) => scheme(x) === 'http')) {
      if (https.length === 0) continue;
      add(
        d,
        'warning',
        'http-and-https',
        `serviceId accepts plain http://${host} while ${label(https[0]!)} in ${where(https[0]!)} is for https: tickets for this host can travel unencrypted`,
        d.serviceIdAt ?? d.at,
        'drop the http definition, or make it https only',
      );
    }
  }

  // Overlaps: equal evaluationOrder (then the name decides), and complete shadowing by an earlier definition.
  const samples = new Map(cas.map((d) => [d, sampleUrls(d)]));
  for (let j = 0; j < cas.length; j++) {
    const later = cas[j]!;
    const laterSamples = samples.get(later)!;
    if (laterSamples.length === 0) continue;
    for (let i = 0; i < j; i++) {
      const earlier = cas[i]!;
      const covered = laterSamples.filter((url) => definitionMatches(earlier, url) === true);
      if (covered.length === 0) continue;
      if (earlier.evaluationOrder === later.evaluationOrder && earlier.priority === later.priority) {
        add(
          later,
          'warning',
          'order-tie',
          `evaluationOrder ${later.evaluationOrder} equals that of ${label(earlier)} in ${where(earlier)}, and both match ${covered[0]}: the name decides and CAS picks ${label(earlier)}`,
          later.evaluationOrderAt ?? later.at,
          'give the more specific definition the lower evaluationOrder',
        );
        break;
      }
      if (covered.length === laterSamples.length) {
        add(
          later,
          'warning',
          'shadowed',
          `${label(earlier)} in ${where(earlier)} comes earlier in CAS's order (evaluationOrder ${earlier.evaluationOrder}) and matches every URL this one is written for (${covered[0]}): this service can never be chosen`,
          later.at,
          `give this definition an evaluationOrder below ${earlier.evaluationOrder}, or narrow the earlier serviceId`,
        );
        break;
      }
    }
  }

  const order = { error: 0, warning: 1 };
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || order[a.severity] - order[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ok: errors === 0, casVersion: version, files: results.length, services: services.length, errors, warnings: findings.length - errors, findings };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `file:line:col: severity: message [code]`, hints below, then one summary line. */
export function formatLint(report: LintReport, paint: Paint): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const at = f.line ? `${f.file}:${f.line}:${f.column}` : f.file;
    const severity = f.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    lines.push(`${at}: ${severity}: ${f.message} ${paint.dim(`[${f.code}]`)}`);
    if (f.hint) lines.push(`  ${paint.dim('hint:')} ${f.hint}`);
  }
  const summary = `${plural(report.files, 'file')}, ${plural(report.services, 'service')} loaded (CAS ${report.casVersion}): ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`;
  lines.push(report.errors > 0 ? `${paint.red('✖')} ${summary}` : report.warnings > 0 ? `${paint.yellow('!')} ${summary}` : `${paint.green('✔')} ${summary}`);
  return lines.join('\n');
}
