/**
 * Reading certificate chains (PEM, leaf first, as ACME and CAS's `domain-chain` hold them) and the
 * renewal decision: a certificate is due when less than a third of its lifetime is left (what Let's
 * Encrypt recommends and certbot does for 90-day certificates), or `days` before expiry when asked.
 */
import { X509Certificate } from 'node:crypto';
import { inputError } from '../errors.js';

export interface CertInfo {
  names: string[];
  subject: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  cert: X509Certificate;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function splitPemCerts(text: string): string[] {
  return text.match(PEM_CERT) ?? [];
}

/** DNS names of a certificate: its subjectAltName DNS entries, else the subject CN. */
export function certNames(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  if (san) {
    const names = san
      .split(/,\s*/)
      .filter((part) => part.startsWith('DNS:'))
      .map((part) => part.slice(4).toLowerCase());
    if (names.length > 0) return [...new Set(names)];
  }
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn ? [cn.toLowerCase()] : [];
}

export function certInfo(cert: X509Certificate): CertInfo {
  return {
    names: certNames(cert),
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serial: cert.serialNumber.toLowerCase(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    cert,
  };
}

/** Parses a chain file; the first certificate is the leaf. */
export function parseChain(text: string, path: string): CertInfo[] {
  const pems = splitPemCerts(text);
  if (pems.length === 0) {
    throw inputError('E_ACME_CHAIN_INVALID', `${path} holds no PEM certificate`, {
      hint: 'point --chain at the PEM chain (leaf first) casctl or CAS wrote',
    });
  }
  return pems.map((pem, index) => {
    try {
      return certInfo(new X509Certificate(pem));
    } catch (error) {
      throw inputError('E_ACME_CHAIN_INVALID', `certificate #${index + 1} in ${path} cannot be parsed`, { cause: error });
    }
  });
}

export interface DueDecision {
  due: boolean;
  /** when it becomes due */
  dueAt: Date;
  daysLeft: number;
  reason: string;
}

const DAY = 86_400_000;

export function renewalDecision(leaf: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date, days?: number): DueDecision {
  const lifetime = leaf.notAfter.getTime() - leaf.notBefore.getTime();
  const dueAt = new Date(days !== undefined ? leaf.notAfter.getTime() - days * DAY : leaf.notAfter.getTime() - lifetime / 3);
  const daysLeft = Math.floor((leaf.notAfter.getTime() - now.getTime()) / DAY);
  const due = now.getTime() >= dueAt.getTime();
  const rule = days !== undefined ? `${days} days before expiry` : 'a third of its lifetime before expiry';
  return {
    due,
    dueAt,
    daysLeft,
    reason: leaf.notAfter.getTime() <= now.getTime() ? 'expired' : due ? `within ${rule}` : `due ${dueAt.toISOString()} (${rule})`,
  };
}

export function sameNames(a: string[], b: string[]): boolean {
  const x = [...new Set(a.map((n) => n.toLowerCase()))].sort();
  const y = [...new Set(b.map((n) => n.toLowerCase()))].sort();
  return x.length === y.length && x.every((n, i) => n === y[i]);
}

/** The facts about a certificate that `acme issue` reports, whether it issued one or found it not due. */
export function certificateFacts(leaf: CertInfo, decision: DueDecision) {
  return {
    names: leaf.names,
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    dueAt: decision.dueAt.toISOString(),
    daysLeft: decision.daysLeft,
    serial: leaf.serial,
    issuer: leaf.issuer,
  };
}
