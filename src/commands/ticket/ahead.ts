/**
 * The server `casctl ticket check … --server URL` (or CASCTL_SERVER) will connect to, read from the raw
 * arguments before commander parses them, so that main() can open the connection ahead
 * (src/io/connect-ahead.ts). Only a hint: commander still parses everything; a connection to another
 * origin, or one no command takes (a usage error, --help), is never used. Only the plain form
 * `ticket check` first on the line; anything else gets no head start.
 */
export function ticketCheckServer(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  if (argv[0] !== 'ticket' || argv[1] !== 'check') return undefined;
  let server = env.CASCTL_SERVER;
  // A password typed at a prompt comes before the connection (check-run.ts): no head start then.
  let passwordUnprompted = false;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || arg === '--help' || arg === '-h') return undefined;
    if (arg === '--server') server = argv[++i];
    else if (arg.startsWith('--server=')) server = arg.slice('--server='.length);
    else if (/^--password-(file|env)(=|$)/.test(arg)) passwordUnprompted = true;
  }
  return passwordUnprompted ? server : undefined;
}
