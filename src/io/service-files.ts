/**
 * Finds service definition files as CAS's resource-based registries do (AbstractResourceBasedServiceRegistry):
 * a recursive walk, `*.json` (JsonServiceRegistry) and `*.yml`/`*.yaml` (YamlServiceRegistry), case-sensitive
 * suffixes, files starting with a dot skipped. A file named explicitly is read whatever its name.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileError } from '../errors.js';

export interface DefinitionSource {
  path: string;
  text: string;
}

const DEFINITION = /\.(json|yml|yaml)$/;

async function walk(dir: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw fileError(error, dir, 'service registry directory');
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, into);
    else if (entry.isFile() && !entry.name.startsWith('.') && DEFINITION.test(entry.name)) into.push(path);
  }
}

export async function collectDefinitionFiles(paths: string[]): Promise<DefinitionSource[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw fileError(error, path, 'service definition path');
    }
    if (info.isDirectory()) await walk(path, files);
    else files.push(path);
  }
  const sources: DefinitionSource[] = [];
  for (const path of [...new Set(files)]) {
    try {
      sources.push({ path, text: (await readFile(path)).toString('utf8') });
    } catch (error) {
      throw fileError(error, path, 'service definition');
    }
  }
  return sources;
}
