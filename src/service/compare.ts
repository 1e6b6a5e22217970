/** Local files against the running CAS's answer (`service match --remote`). */
import type { Paint } from '../io/output.js';
import type { MatchReport } from './match.js';
import type { RemoteAnswer, RemoteService } from './remote.js';

export interface RemoteComparison {
  url: string;
  status: number;
  service?: RemoteService;
  /** CAS found an enabled service */
  allowed: boolean;
  /** undefined without local files */
  agree?: boolean;
  detail?: string;
}

export function compareWithRemote(local: MatchReport | undefined, remote: RemoteAnswer): RemoteComparison {
  const allowed = remote.service !== undefined && remote.service.enabled !== false;
  const result: RemoteComparison = { url: remote.url, status: remote.status, ...(remote.service ? { service: remote.service } : {}), allowed };
  if (!local) return result;
  const mine = local.winner;
  const theirs = remote.service;
  if (!mine && !theirs) return { ...result, agree: true, detail: 'neither finds a service' };
  if (!mine) return { ...result, agree: false, detail: `CAS chooses ${label(theirs!)}, which the local files do not match (is the running registry different?)` };
  if (!theirs) return { ...result, agree: false, detail: `the local files choose "${mine.name}" (id ${mine.id ?? '?'}), the running CAS finds none (are the files deployed and loaded?)` };
  const same = (theirs.id === undefined || theirs.id === mine.id) && (theirs.serviceId === undefined || theirs.serviceId === mine.serviceId);
  return same
    ? { ...result, agree: true, detail: `both choose ${label(theirs)}` }
    : { ...result, agree: false, detail: `the local files choose "${mine.name}" (id ${mine.id ?? '?'}), the running CAS ${label(theirs)}` };
}

const label = (s: RemoteService) => `"${s.name ?? '?'}" (id ${s.id ?? '?'}, serviceId ${s.serviceId ?? '?'})`;

export function formatRemote(c: RemoteComparison, paint: Paint): string[] {
  const lines: string[] = [];
  if (c.service) lines.push(`${c.allowed ? paint.green('✔') : paint.red('✖')} the running CAS chooses ${label(c.service)}${c.service.enabled === false ? ', disabled' : ''}`);
  else lines.push(`${paint.red('✖')} the running CAS finds no service for this URL (HTTP ${c.status}): UNAUTHORIZED_SERVICE`);
  if (c.agree === true) lines.push(`${paint.green('✔')} local files and running CAS agree: ${c.detail}`);
  else if (c.agree === false) lines.push(`${paint.yellow('!')} local files and running CAS disagree: ${c.detail}`);
  return lines;
}
