/**
 * Glue between commander and a command's handler: builds the Ctx from the global flags, hands the
 * handler its options and positional arguments, and records the exit code it returns.
 * A handler returns nothing (exit 0), an exit code (1 for "the check said no"), or throws CasctlError.
 */
import type { Command } from 'commander';
import { createContext, globalOptionsFrom, type Ctx, type Runtime } from './context.js';

export type Handler<O> = (ctx: Ctx, options: O, args: string[], command: Command) => Promise<number | void>;

export function action<O = Record<string, unknown>>(runtime: Runtime, handler: Handler<O>) {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const options = command.opts() as O;
    const positional = commanderArgs.slice(0, -2).flat().filter((a): a is string => typeof a === 'string');
    const ctx = await createContext(runtime, globalOptionsFrom(command.optsWithGlobals(), runtime.env));
    const code = await handler(ctx, options, positional, command);
    runtime.exitCode = typeof code === 'number' ? code : 0;
  };
}
