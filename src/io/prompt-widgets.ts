/**
 * The four inquirer prompts casctl uses, each from its own package (what @inquirer/prompts re-exports):
 * the bundle then leaves out the others (the editor prompt alone brings iconv-lite and chardet, ~650 KB).
 */
export { default as confirm } from '@inquirer/confirm';
export { default as input } from '@inquirer/input';
export { default as password } from '@inquirer/password';
export { default as select } from '@inquirer/select';
