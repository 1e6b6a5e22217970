/** Human text for the jwks commands (stdout); `paint` is the stdout color set. */
import type { Paint } from '../io/output.js';
import type { CheckResult } from './check.js';
import type { Change, RotateResult } from './rotate.js';
import type { KeySummary } from './show.js';

function sizeText(k: KeySummary): string {
  if (k.crv) return k.crv;
  return k.size !== undefined ? String(k.size) : '-';
}

export function keyTable(keys: KeySummary[], paint: Paint): string {
  const header = ['KID', 'KTY', 'SIZE', 'USE', 'ALG', 'STATE', 'PRIVATE', 'SIGNS'];
  const rows = keys.map((k) => [
    k.kid ?? '-',
    k.kty,
    sizeText(k),
    k.use ?? '-',
    k.alg ?? '-',
    k.stateValue === undefined ? `${k.state} (no state)` : k.state,
    k.private ? 'yes' : k.kty === 'oct' ? 'secret' : 'no',
    k.signing ? 'yes' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [paint.bold(line(header))];
  for (const [i, row] of rows.entries()) out.push(keys[i]!.signing ? paint.green(line(row)) : line(row));
  return out.join('\n');
}

export function signingLine(kid: string | undefined, paint: Paint): string {
  return kid === undefined
    ? paint.red('CAS has no key to sign ID tokens with (no current asymmetric sig key with a private part)')
    : `CAS signs ID tokens with ${paint.bold(kid)}`;
}

export function changeLine(change: Change): string {
  const kid = change.kid ?? '(no kid)';
  switch (change.kind) {
    case 'state':
      return `  ${kid}  ${change.use ?? '-'}  ${change.from} -> ${change.to}`;
    case 'added':
      return `  ${kid}  ${change.use}  new ${change.state} key (${change.kty} ${change.kty === 'EC' ? `P-${change.size}` : change.size})`;
    case 'removed':
      return `  ${kid}  ${change.use ?? '-'}  removed (was ${change.state})`;
  }
}

export function rotateText(result: RotateResult, paint: Paint): string {
  const verb = result.action === 'rotate' ? 'rotate' : 'revoke';
  const head = result.dryRun
    ? `${paint.bold('dry run')}: ${verb} would change ${result.file} as follows (nothing written):`
    : `${result.file}:`;
  const lines = [head];
  if (result.changes.length === 0) lines.push('  no previous keys: nothing to revoke');
  lines.push(...result.changes.map(changeLine));
  lines.push(signingLine(result.signingKid, paint));
  return lines.join('\n');
}

export function checkText(result: CheckResult, paint: Paint): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const tag = f.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    lines.push(`${tag} ${f.code}: ${f.message}`);
  }
  if (result.keys.length > 0) lines.push(signingLine(result.signingKid, paint));
  const verdict = result.ok
    ? paint.green(`${result.file}: OK`) + (result.warnings > 0 ? ` (${result.warnings} warning${result.warnings > 1 ? 's' : ''})` : '')
    : paint.red(`${result.file}: ${result.errors} error${result.errors > 1 ? 's' : ''}`) +
      (result.warnings > 0 ? `, ${result.warnings} warning${result.warnings > 1 ? 's' : ''}` : '') +
      ': CAS cannot use this keystore as it is';
  lines.push(verdict);
  return lines.join('\n');
}
