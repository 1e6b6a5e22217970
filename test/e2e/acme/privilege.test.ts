/** Port 80 without privilege: exit 3 naming the port and the ways out, before any request to the CA. */
import { describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/run-casctl.js';
import { WITHOUT_BIND_PRIVILEGE } from '../../helpers/tools.js';

describe('acme issue without the right to bind port 80', () => {
  it('exits 3 with E_ACME_PORT_DENIED and the ways out (no CA contacted: the server URL is unreachable)', async () => {
    const run = await runBin(
      ['--json', 'acme', 'issue', '--server', 'https://127.0.0.1:1/dir', '-d', 'cas.example.org', '--agree-tos', '--dry-run'],
      { prefix: WITHOUT_BIND_PRIVILEGE, cwd: '/tmp', env: { HOME: '/nonexistent-casctl-home' } },
    );
    expect(run.code, run.stderr).toBe(3);
    const doc = JSON.parse(run.stdout);
    expect(doc.error.code).toBe('E_ACME_PORT_DENIED');
    expect(doc.error.message).toBe('not permitted to listen on port 80 (ports below 1024 need privilege)');
    expect(doc.error.hint).toContain('CAP_NET_BIND_SERVICE');
    expect(doc.error.hint).toContain('--webroot DIR');
    expect(doc.error.hint).toContain('--http-port N');
  });
});
