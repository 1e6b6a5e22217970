import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';

describe('CLI conventions (in-process)', () => {
  it('an unknown command is a usage error: exit 2, message and hint on stderr, nothing on stdout', async () => {
    const r = await runInProcess(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: unknown command 'frobnicate'");
    expect(r.stderr).toContain("hint: run 'casctl --help'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('under --json a usage error is one JSON document on stdout with a stable code', async () => {
    const r = await runInProcess(['--json', 'completion', 'tcsh']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_USAGE');
    expect(doc.error.message).toMatch(/value 'tcsh' is invalid for argument 'shell'/);
    expect(Object.keys(doc)).toEqual(['error']);
  });

  it('an unknown option is exit 2 and names the option', async () => {
    const r = await runInProcess(['completion', 'bash', '--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frob'");
  });

  it('--help exits 0 and documents exit codes and environment variables', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toMatch(/\n {2}130 {2}interrupted/);
    expect(r.stdout).toContain('NO_COLOR');
    expect(r.stderr).toBe('');
  });

  it('colors error text only when stderr is a terminal, and never under NO_COLOR', async () => {
    const piped = await runInProcess(['frobnicate']);
    expect(piped.stderr).not.toContain('\u001b[');
    const tty = await runInProcess(['frobnicate'], { stderrTTY: true });
    expect(tty.stderr).toContain('\u001b[31merror:');
    const noColor = await runInProcess(['frobnicate'], { stderrTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stderr).not.toContain('\u001b[');
    const forced = await runInProcess(['frobnicate'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
  });
});

describe('lazy command families', () => {
  it('the root table names each family with the summary the family itself registers', async () => {
    const { FAMILIES } = await import('../../../src/commands/index.js');
    const { buildProgram } = await import('../../../src/cli/program.js');
    const { newRuntime } = await import('../../../src/cli/main.js');
    const runtime = newRuntime({ streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env: {} });
    const full = await buildProgram(runtime, '0.0.0', [], true);
    for (const family of FAMILIES) {
      const command = full.commands.find((c) => c.name() === family.name);
      expect(command, family.name).toBeDefined();
      expect(command!.summary(), family.name).toBe(family.summary);
    }
    expect(full.commands.map((c) => c.name()).sort()).toEqual([...FAMILIES.map((f) => f.name), 'completion'].sort());
  });

  it('a typo in a family name gets a suggestion although families are not loaded', async () => {
    const r = await runInProcess(['jwk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean jwks\?/);
  });

  it('`help <family>` shows that family in full', async () => {
    const r = await runInProcess(['help', 'jwks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}rotate\b/);
  });
});

describe('--nagios usage errors', () => {
  it('answer UNKNOWN (3) with one status line, not exit 2 (CRITICAL)', async () => {
    const r = await runInProcess(['ticket', 'check', '--nagios']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^UNKNOWN - required option '-s, --service <url>' not specified\n$/);
  });
});
