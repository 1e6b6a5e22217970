import { describe, expect, it } from 'vitest';
import { ticketRedactor } from '../../../src/commands/ticket/runtime.js';

describe('ticket --verbose redaction', () => {
  it('hides passwords (raw, URL- and form-encoded), TGT ids and JWTs', () => {
    const password = "p&ss +=% w'rd";
    const redact = ticketRedactor(new Set([password]));
    const form = new URLSearchParams({ username: 'casuser', password }).toString();
    const lines = [
      `> ${form}`,
      `> POST https://cas/cas/v1/tickets/TGT-1-abc_d-cas01.example.org`,
      `< location: https://cas/cas/v1/tickets/TGT-2-xyz-cas01`,
      `< eyJhbGciOiJub25lIn0.eyJzdWIiOiJjYXN1c2VyIn0.`,
      `raw ${password} and ${encodeURIComponent(password)}`,
      '> stray % sign',
    ].map(redact);
    const all = lines.join('\n');
    expect(all).not.toContain(password);
    expect(all).not.toContain(encodeURIComponent(password));
    expect(all).not.toContain(new URLSearchParams({ p: password }).toString().slice(2));
    expect(all).not.toMatch(/TGT-[12]-/);
    expect(all).not.toContain('eyJzdWIiOiJjYXN1c2VyIn0');
    expect(lines[0]).toBe('> username=casuser&password=***');
    expect(lines[5]).toBe('> stray % sign');
  });
});
