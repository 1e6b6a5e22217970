/**
 * The bundle's entry (dist/casctl.cjs): the one program both forms run, bin/casctl from an npm install
 * and the single executable (dist/bin/casctl-linux-x64).
 */
import { main } from './main.js';

void main();
