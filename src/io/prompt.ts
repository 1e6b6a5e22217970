/**
 * Interactive questions, only where a person can answer them. In cron/CI (no TTY, --no-input or
 * CASCTL_NO_INPUT) every question becomes a usage error that names the flag to pass instead, so
 * nothing ever waits for input that cannot come.
 */
import { CasctlError, usageError } from '../errors.js';
import type { Streams, Terminal } from './terminal.js';

export interface PromptOptions {
  /** the flag(s) that supply this value non-interactively, named in the error */
  flag: string;
}

export class Prompter {
  constructor(
    private readonly streams: Streams,
    private readonly terminal: Terminal,
  ) {}

  get canPrompt() {
    return this.terminal.canPrompt;
  }

  private context() {
    // Questions go to stderr so that stdout stays the product even while asking.
    return { input: this.streams.stdin, output: this.streams.stderr, clearPromptOnDone: false };
  }

  private refuse(what: string, options: PromptOptions): never {
    throw usageError('E_INPUT_REQUIRED', `${what} is required`, {
      hint: `pass ${options.flag} (no prompt is shown when not running interactively)`,
    });
  }

  async password(message: string, options: PromptOptions): Promise<string> {
    if (!this.canPrompt) this.refuse(message.replace(/[:?]\s*$/, ''), options);
    const { password } = await import('./prompt-widgets.js');
    return guard(() => password({ message, mask: '*' }, this.context()));
  }

  async input(message: string, options: PromptOptions & { default?: string; validate?: (v: string) => true | string }) {
    if (!this.canPrompt) this.refuse(message.replace(/[:?]\s*$/, ''), options);
    const { input } = await import('./prompt-widgets.js');
    return guard(() =>
      input({ message, default: options.default, validate: options.validate ?? (() => true) }, this.context()),
    );
  }

  async confirm(message: string, options: PromptOptions & { default?: boolean }): Promise<boolean> {
    if (!this.canPrompt) this.refuse(message.replace(/[:?]\s*$/, ''), options);
    const { confirm } = await import('./prompt-widgets.js');
    return guard(() => confirm({ message, default: options.default ?? false }, this.context()));
  }

  async select<T extends string>(
    message: string,
    choices: { value: T; name?: string; description?: string }[],
    options: PromptOptions,
  ): Promise<T> {
    if (!this.canPrompt) this.refuse(message.replace(/[:?]\s*$/, ''), options);
    const { select } = await import('./prompt-widgets.js');
    return guard(() => select<T>({ message, choices }, this.context()));
  }
}

/** Ctrl-C inside an inquirer prompt rejects with ExitPromptError: that is an interruption, not a crash. */
async function guard<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError' || (error as Error)?.name === 'AbortPromptError') {
      throw new CasctlError('interrupted', 'E_INTERRUPTED', 'interrupted');
    }
    throw error;
  }
}
