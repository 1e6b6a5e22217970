/**
 * The man pages stay in step with the command tree, as the completion drift test keeps completions/:
 * every command has a page, every flag --help shows is on it, dist/man/ equals what the built tree
 * generates now, package.json "man" lists exactly those files, and groff/man render each page silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPaths } from '../../helpers/command-tree.js';
import { REPO_ROOT, runBin, runInProcess } from '../../helpers/run-casctl.js';

const MAN_DIR = join(REPO_ROOT, 'dist/man');

/** Every command but commander's implicit help (whose `help --man` is casctl(1)'s business). */
async function pagePaths(): Promise<string[][]> {
  return (await commandPaths({ leavesOnly: false })).filter((path) => !path.includes('help'));
}

const pageOf = (path: string[]) => ['casctl', ...path].join('-');
/** Flags as --help prints them ("  -d, --domain <name>  …", "  --json  …"). */
function helpFlags(help: string): string[] {
  const flags = new Set<string>();
  for (const line of help.split('\n')) {
    const match = /^ {2}((?:-[\w?]|--[\w-]+)(?:, --[\w-]+)?)(?: [<[][^>\]]+[>\]])?(?: {2,}|$)/.exec(line);
    if (match) for (const flag of match[1]!.split(', ')) flags.add(flag);
  }
  return [...flags];
}

describe('man pages', async () => {
  const paths = await pagePaths();
  const built = existsSync(MAN_DIR) ? readdirSync(MAN_DIR).filter((f) => f.endsWith('.1')).sort() : [];

  it('every command has exactly one page in dist/man (npm run build writes them)', () => {
    expect(built).toEqual(paths.map((p) => `${pageOf(p)}.1`).sort());
    expect(paths.length).toBeGreaterThan(30);
  });

  it('package.json "man" lists exactly dist/man/*.1 (node scripts/build-man.mjs --update-package)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { man: string[]; files: string[] };
    expect([...pkg.man].sort()).toEqual(built.map((f) => `dist/man/${f}`));
    expect(pkg.files).toContain('dist');
  });

  for (const path of paths) {
    const name = pageOf(path);
    it(`${name}(1): every flag of --help, equal to a fresh generation, silent under groff -ww and man --warnings`, async () => {
      const page = readFileSync(join(MAN_DIR, `${name}.1`), 'utf8');
      // fresh from the built tree, through the same path a user takes (stdout is a pipe: roff)
      const fresh = await runBin(['help', '--man', ...path]);
      expect(fresh.stderr).toBe('');
      expect(fresh.code).toBe(0);
      expect(fresh.stdout, `dist/man/${name}.1 is stale: run npm run build`).toBe(page);

      const help = await runInProcess([...path, '--help']);
      const flags = helpFlags(help.stdout);
      expect(flags).toContain('--json');
      for (const flag of flags) expect(page, `${flag} is missing from ${name}(1)`).toContain(`\\fB${flag.replace(/-/g, '\\-')}\\fR`);
      expect(page).toMatch(/^\.SH NAME$/m);
      for (const section of ['SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'ENVIRONMENT', 'EXAMPLES', 'SEE ALSO']) {
        expect(page, `${name}(1) has no ${section}`).toMatch(new RegExp(`^\\.SH ${section}$`, 'm'));
      }

      const groff = spawnSync('groff', ['-man', '-ww', '-z', join(MAN_DIR, `${name}.1`)], { encoding: 'utf8' });
      expect(groff.error, 'groff is missing (.ci/run installs groff-base)').toBeUndefined();
      expect(groff.stderr).toBe('');
      expect(groff.status).toBe(0);
      const man = spawnSync('man', ['--warnings', '-l', join(MAN_DIR, `${name}.1`)], { encoding: 'utf8', env: { ...process.env, MANPAGER: 'cat', MANWIDTH: '80' } });
      expect(man.error, 'man is missing (.ci/run installs man-db)').toBeUndefined();
      expect(man.stderr).toBe('');
      expect(man.stdout).toContain(name);
    });
  }

  it('a page carries the command\'s defaults, choices, error codes, files and examples', () => {
    const page = readFileSync(join(MAN_DIR, 'casctl-acme-issue.1'), 'utf8');
    expect(page).toContain('choices: "traditional", "pkcs8", default: "traditional"');
    expect(page).toContain('E_ACME_DEPLOY_HOOK_FAILED');
    expect(page).not.toContain('E_ACME_ACCOUNT_UNKNOWN'); // a revoke-only code
    expect(page).toMatch(/^\.SH FILES$/m);
    expect(page).toContain('.SS "Port 80 is taken');
    const rotate = readFileSync(join(MAN_DIR, 'casctl-jwks-rotate.1'), 'utf8');
    expect(rotate).toContain('$ casctl jwks rotate \\-\\-file /etc/cas/config/keystore.jwks');
    expect(rotate).toContain('.SS "Cron recipe: a cluster sharing one keystore"');
    const root = readFileSync(join(MAN_DIR, 'casctl.1'), 'utf8');
    expect(root).toContain('E_INTERNAL');
    expect(root).toContain('\\fBcasctl\\-jwks\\fR(1)');
    // a family page shows the first example of each of its commands
    expect(readFileSync(join(MAN_DIR, 'casctl-acme.1'), 'utf8')).toContain('$ casctl acme revoke');
  });

  it('casctl help --man names pages by command words, alias or page name; an unknown one is a usage error', async () => {
    const byAlias = await runBin(['help', '--man', 'jwks', 'list']);
    expect(byAlias.code).toBe(0);
    expect(byAlias.stdout).toContain('.TH CASCTL\\-JWKS\\-SHOW 1');
    const byName = await runBin(['help', '--man', 'casctl-ticket-check']);
    expect(byName.stdout).toContain('.TH CASCTL\\-TICKET\\-CHECK 1');
    const root = await runBin(['help', '--man']);
    expect(root.stdout).toContain('.TH CASCTL 1');
    const unknown = await runBin(['help', '--man', 'jwks', 'spin']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("no manual page for 'jwks spin'");
  });

  it('on a terminal without man(1), casctl help --man prints the page as text', async () => {
    const r = await runBin(['help', '--man', 'acme', 'status'], {
      env: { PATH: '/nonexistent' },
      // a pseudo-terminal is not available to tests; the text path is exercised in-process below
    });
    expect(r.stdout).toContain('.SH NAME'); // not a TTY: roff, whatever PATH says
    const text = await runInProcess(['help', '--man', 'acme', 'status'], { stdoutTTY: true, env: { PATH: '/nonexistent' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^CASCTL-ACME-STATUS\(1\)\n\nNAME\n {7}casctl-acme-status - /);
    expect(text.stdout).toContain('\nOPTIONS\n');
    expect(text.stdout).not.toContain('\\f');
  });

  it('no start-up module imports the man-page code statically (it loads only for help --man)', () => {
    const startup = ['src/cli/main.ts', 'src/cli/program.ts', 'src/commands/index.ts'].map((f) => readFileSync(join(REPO_ROOT, f), 'utf8'));
    for (const text of startup) expect(text).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"][^'"]*\/man\//m);
  });
});
