import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';

// Scaffold: the commands of this family are registered here.
export function register(_program: Command, _runtime: Runtime): void {}
