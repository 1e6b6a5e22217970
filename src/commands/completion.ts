import { Argument, type Command } from 'commander';
import { action } from '../cli/action.js';
import type { Runtime } from '../cli/context.js';

export function registerCompletion(program: Command, runtime: Runtime): void {
  program
    .command('completion')
    .summary('print a shell completion script (bash, zsh, fish)')
    .description('Print the completion script for a shell. The same scripts are shipped in completions/.')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
Examples:
  Load completions into the current bash session:
  $ source <(casctl completion bash)

  Install for zsh (a directory on $fpath):
  $ casctl completion zsh > ~/.zsh/completions/_casctl

  Install for fish:
  $ casctl completion fish > ~/.config/fish/completions/casctl.fish`,
    )
    .action(
      action(runtime, async (ctx, _options, [shell]) => {
        const { bashCompletion, zshCompletion, fishCompletion } = await import('../cli/completion.js');
        // Completions cover every command, so this run builds the whole tree, not just what it parsed.
        const { buildProgram } = await import('../cli/program.js');
        const { casctlVersion } = await import('../cli/main.js');
        const root = await buildProgram(runtime, casctlVersion(), [], true);
        const script = shell === 'bash' ? bashCompletion(root) : shell === 'zsh' ? zshCompletion(root) : fishCompletion(root);
        ctx.streams.stdout.write(script);
      }),
    );
}
