import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/run-casctl.js';

// Startup speed: `casctl --help` and every command's definition load commander and nothing heavy.
// Heavy packages must be imported with `await import()` inside handlers (type-only imports are free).
const HEAVY = ['jose', 'acme-client', 'undici', 'ora', '@inquirer', 'chalk', 'fast-xml-parser', 'hjson', 'yaml', 'node-forge', '@peculiar/x509', 'proper-lockfile', 'bcryptjs'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('lazy loading', () => {
  it('no command definition or CLI core module statically imports a heavy package', () => {
    const offenders: string[] = [];
    const startupModules = [
      ...files(join(REPO_ROOT, 'src/commands')),
      ...files(join(REPO_ROOT, 'src/cli')),
      ...files(join(REPO_ROOT, 'src/io')),
      join(REPO_ROOT, 'src/errors.ts'),
    ];
    // loaded only through import() by prompt.ts: it is where the prompt packages come in
    const lazyOnly = new Set([join(REPO_ROOT, 'src/io/prompt-widgets.ts')]);
    for (const file of startupModules.filter((f) => !lazyOnly.has(f))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = match[1]!;
        if (HEAVY.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`))) offenders.push(`${file.slice(REPO_ROOT.length)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
