/**
 * What the build bakes into the one CommonJS bundle (scripts/build.mjs `define`): the version, so neither
 * form reads package.json at run time. Run from the sources (vitest), nothing is defined: the version
 * then comes from package.json and modules are required through createRequire.
 */
declare const __CASCTL_VERSION__: string | undefined;

/** The version built into the bundle, or undefined when running from the sources. */
export const BUILT_VERSION: string | undefined = typeof __CASCTL_VERSION__ === 'string' ? __CASCTL_VERSION__ : undefined;

/** True inside the bundle (both the npm form and the single executable run it). */
export const IN_BUNDLE = BUILT_VERSION !== undefined;

/** Node's single-executable check; false outside one (and on a Node without node:sea). */
export function isSingleExecutable(): boolean {
  try {
    return (process.getBuiltinModule?.('node:sea') as { isSea(): boolean } | undefined)?.isSea() ?? false;
  } catch {
    return false;
  }
}
