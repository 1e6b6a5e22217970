/**
 * Entry of the man-page code, loaded only by `casctl help --man …` and scripts/build-man.mjs:
 * nothing here runs at the start of any other command.
 */
import type { Command } from 'commander';
import { CasctlError } from '../errors.js';
import { renderRoff, renderText } from './document.js';
import { buildPage, findEntry, pageEntries, type PageEntry } from './pages.js';

/** The page's prose, src/man/<page>.md (bundled as text by esbuild; absent for pages without one). */
async function loadProse(name: string): Promise<string | undefined> {
  try {
    const module = (await import(`./${name}.md`)) as { default: string };
    return module.default;
  } catch {
    return undefined;
  }
}

export async function renderEntry(root: Command, entry: PageEntry, version: string, format: 'roff' | 'text'): Promise<string> {
  const page = buildPage(root, entry, await loadProse(entry.name), version);
  return format === 'roff' ? renderRoff(page) : renderText(page);
}

/** Every page as roff: what `npm run build` writes into dist/man/. */
export async function allPages(root: Command, version: string): Promise<{ name: string; roff: string }[]> {
  const out: { name: string; roff: string }[] = [];
  for (const entry of pageEntries(root)) out.push({ name: entry.name, roff: await renderEntry(root, entry, version, 'roff') });
  return out;
}

/** The words after `help` that name the page: `help --man jwks rotate` → ['jwks', 'rotate']. */
export function manWords(argv: readonly string[]): string[] {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words.slice(words.indexOf('help') + 1);
}

export function resolveEntry(root: Command, words: readonly string[]): PageEntry {
  const entry = findEntry(root, words);
  if (!entry) {
    throw new CasctlError('usage', 'E_USAGE', `no manual page for '${words.join(' ')}'`, {
      hint: "name a command as you run it ('casctl help --man jwks rotate') or a page ('casctl help --man casctl-jwks-rotate')",
    });
  }
  return entry;
}
