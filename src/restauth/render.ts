/** Human renderings of probe and check results (stdout); the JSON forms are the result objects. */
import type { Paint } from '../io/output.js';
import type { CheckResult } from './check.js';
import type { ProbeOutcome } from './probe.js';

const label = (name: string) => `  ${name.padEnd(11)}`;

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function renderProbe(outcome: ProbeOutcome, username: string, paint: Paint): string {
  const lines: string[] = [];
  const x = outcome.exchange;
  if (outcome.authenticated) {
    lines.push(`${paint.green('✔')} CAS would authenticate ${username} as principal ${paint.bold(JSON.stringify(outcome.principal!.id))}`);
  } else {
    lines.push(`${paint.red('✘')} CAS would refuse ${username}: ${paint.bold(outcome.exception!)}`);
  }
  lines.push(`${label('endpoint')}${x.method} ${x.url} → ${x.status} in ${x.ms} ms${x.contentType ? ` (${x.contentType})` : ''}`);
  if (outcome.authenticated) {
    const attributes = Object.entries(outcome.principal!.attributes);
    if (attributes.length === 0) lines.push(`${label('attributes')}none`);
    attributes.forEach(([name, values], i) => {
      lines.push(`${label(i === 0 ? 'attributes' : '')}${name}: ${values.map(formatValue).join(', ')}`);
    });
  } else {
    lines.push(`${label('exception')}${outcome.exceptionClass}`);
    lines.push(`${label('message')}${outcome.message}`);
    if (outcome.reason) lines.push(`${label('why')}${outcome.reason}`);
  }
  outcome.warnings.forEach((w, i) => lines.push(`${label(i === 0 ? 'warnings' : '')}${paint.yellow(w)}`));
  const exp = outcome.passwordExpiration;
  if (exp?.date) {
    const days = exp.daysLeft!;
    const when = days < 0 ? `expired ${-days} day${days === -1 ? '' : 's'} ago` : `${days} day${days === 1 ? '' : 's'} left`;
    lines.push(`${label('password')}expires ${exp.date} (${exp.format}: ${JSON.stringify(exp.header)}), ${when}`);
  } else if (exp) {
    lines.push(`${label('password')}X-CAS-PasswordExpirationDate ${JSON.stringify(exp.header)} cannot be parsed`);
  }
  for (const note of outcome.notes) lines.push(`${label('note')}${paint.dim(note)}`);
  return lines.join('\n');
}

export function renderCheck(result: CheckResult, url: string, username: string, paint: Paint): string {
  const mark = { pass: paint.green('PASS'), warn: paint.yellow('WARN'), fail: paint.red('FAIL') };
  const width = Math.max(...result.rows.map((r) => r.title.length));
  const lines = [`REST authentication contract for ${url} (user ${username})`];
  for (const row of result.rows) lines.push(`  ${mark[row.status]}  ${row.title.padEnd(width)}  ${row.detail}`);
  const count = (s: string) => result.rows.filter((r) => r.status === s).length;
  const summary = `${count('pass')} passed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed`;
  lines.push(result.ok ? paint.green(summary) : paint.red(summary));
  return lines.join('\n');
}
