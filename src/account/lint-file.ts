/** Reads the file `account lint` judges (or standard input for `-`) as bytes, then lints it. */
import { readBinaryFile } from '../io/files.js';
import type { InStream } from '../io/terminal.js';
import { lintRegistrationProperties, type LintResult } from './lint.js';

async function readAll(stdin: InStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function lintFile(file: string, stdin: InStream): Promise<LintResult> {
  const bytes = file === '-' ? await readAll(stdin) : await readBinaryFile(file, 'registration-properties file');
  return lintRegistrationProperties(bytes, file === '-' ? '<stdin>' : file);
}
