/**
 * Where every byte a command prints goes. stdout carries the product only (under --json exactly one
 * JSON document); progress, success lines, warnings and errors go to stderr, colored per stream.
 */
import type { ColorLevel, OutStream, Terminal } from './terminal.js';

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const plain: Paint = {
  bold: (t) => t,
  dim: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  cyan: (t) => t,
};

/** chalk is loaded only when some stream wants color: a pipe or cron never pays for it. */
async function paintFor(level: ColorLevel): Promise<Paint> {
  if (level === 0) return plain;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    green: (t) => chalk.green(t),
    yellow: (t) => chalk.yellow(t),
    cyan: (t) => chalk.cyan(t),
  };
}

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

export interface Spinner {
  /** replace the label while the task runs */
  update(label: string): void;
}

export class Output {
  private resultWritten = false;

  private constructor(
    private readonly stdout: OutStream,
    private readonly stderr: OutStream,
    readonly terminal: Terminal,
    readonly options: OutputOptions,
    /** colors for text that goes to stdout */
    readonly out: Paint,
    /** colors for text that goes to stderr */
    readonly err: Paint,
  ) {}

  static async create(stdout: OutStream, stderr: OutStream, terminal: Terminal, options: OutputOptions) {
    const [out, err] = await Promise.all([paintFor(terminal.stdoutColor), paintFor(terminal.stderrColor)]);
    return new Output(stdout, stderr, terminal, options, out, err);
  }

  get json() {
    return this.options.json;
  }
  get quiet() {
    return this.options.quiet;
  }
  get verbose() {
    return this.options.verbose && !this.options.quiet;
  }
  /** true once the command's product has been written (so an error must not add a second document) */
  get hasResult() {
    return this.resultWritten;
  }

  /**
   * The product. Under --json `data` is written as the one JSON document; otherwise `human` (text, or
   * a function building it, called only when needed) is written to stdout.
   */
  result(data: unknown, human?: string | ((paint: Paint) => string)): void {
    if (this.options.json) {
      if (this.resultWritten) throw new Error('internal: a second JSON document was about to be written');
      this.resultWritten = true;
      this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    this.resultWritten = true;
    const text = typeof human === 'function' ? human(this.out) : human;
    if (text === undefined || text === '') return;
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A JSON document for an error, used by the CLI boundary only when no result was written. */
  jsonError(document: unknown): void {
    if (this.resultWritten) return;
    this.resultWritten = true;
    this.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }

  /** Neutral progress or facts, on stderr; silent under --quiet. */
  info(message: string): void {
    if (!this.options.quiet) this.stderr.write(`${message}\n`);
  }

  success(message: string): void {
    if (!this.options.quiet) this.stderr.write(`${this.err.green('✔')} ${message}\n`);
  }

  warn(message: string): void {
    if (!this.options.quiet) this.stderr.write(`${this.err.yellow('warning:')} ${message}\n`);
  }

  /** Only with --verbose. Callers pass text that went through io/redact.ts. */
  debug(message: string): void {
    if (this.verbose) this.stderr.write(`${this.err.dim(message)}\n`);
  }

  /** The error line(s); never silenced, even by --quiet. */
  error(message: string, hint?: string): void {
    this.stderr.write(`${this.err.red('error:')} ${message}\n`);
    if (hint) this.stderr.write(`${this.err.dim('hint:')} ${hint}\n`);
  }

  /** Raw text to stderr (e.g. a stack trace under --debug). */
  stderrRaw(text: string): void {
    this.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /**
   * Runs `fn` under an ora spinner when stderr is an interactive terminal; otherwise prints one plain
   * line on success (nothing under --quiet or --json), because ora writes frames and color into pipes.
   */
  async task<T>(label: string, fn: (spinner: Spinner) => Promise<T>): Promise<T> {
    if (!this.terminal.spinners) {
      const result = await fn({ update: () => {} });
      if (!this.options.json) this.info(`${this.err.green('✔')} ${label}`);
      return result;
    }
    const { default: ora } = await import('ora');
    const spinner = ora({
      text: label,
      stream: this.stderr,
      color: this.terminal.stderrColor > 0 ? 'cyan' : false,
      isEnabled: true,
    }).start();
    try {
      const result = await fn({ update: (text) => (spinner.text = text) });
      spinner.succeed(label);
      return result;
    } catch (error) {
      spinner.fail(label);
      throw error;
    }
  }
}
