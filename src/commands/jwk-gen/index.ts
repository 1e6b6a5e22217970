import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerJwkGenCommand } from './jwk-gen.js';

/** `casctl jwk-gen` (a single command, no verbs). */
export function register(program: Command, runtime: Runtime): void {
  registerJwkGenCommand(program, runtime);
}
