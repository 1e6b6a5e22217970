/**
 * Java itself as the judge of service-id patterns: compiles test/helpers/java/RegexOracle.java with javac
 * into a temporary directory and runs it once per batch of (pattern, url) pairs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = join(dirname(fileURLToPath(import.meta.url)), 'java', 'RegexOracle.java');

export interface JavaVerdict {
  valid: boolean;
  /** PatternSyntaxException's description, when invalid */
  message?: string;
  /** matches() against the URL, when one was given */
  matches?: boolean;
}

export class JavaRegexOracle {
  private constructor(private readonly dir: string) {}

  /** Throws when javac/java are missing: the comparison must not skip silently. */
  static compile(): JavaRegexOracle {
    const dir = mkdtempSync(join(tmpdir(), 'casctl-java-oracle-'));
    execFileSync('javac', ['-d', dir, source], { stdio: ['ignore', 'ignore', 'inherit'] });
    return new JavaRegexOracle(dir);
  }

  judge(cases: { pattern: string; url?: string }[]): JavaVerdict[] {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const input = cases.map((c) => `${b64(c.pattern)} ${c.url === undefined ? '-' : b64(c.url)}`).join('\n') + '\n';
    const output = execFileSync('java', ['-cp', this.dir, 'RegexOracle'], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = output.split('\n').filter((l) => l !== '');
    if (lines.length !== cases.length) throw new Error(`java answered ${lines.length} lines for ${cases.length} cases`);
    return lines.map((line) => {
      if (line.startsWith('invalid ')) return { valid: false, message: Buffer.from(line.slice(8), 'base64').toString('utf8') };
      if (line === 'valid') return { valid: true };
      return { valid: true, matches: line === 'match' };
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
