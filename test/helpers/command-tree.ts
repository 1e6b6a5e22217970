/** casctl's whole command tree (every family loaded), walked from the root: for the help and man drift tests. */
import type { Command } from 'commander';

export async function commandPaths(options: { leavesOnly: boolean }): Promise<string[][]> {
  const { buildProgram } = await import('../../src/cli/program.js');
  const { newRuntime } = await import('../../src/cli/main.js');
  const runtime = newRuntime({ streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env: {} });
  const root = await buildProgram(runtime, '0.0.0', [], true);
  const out: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    if (!options.leavesOnly || command.commands.length === 0) out.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(root, []);
  return out;
}
