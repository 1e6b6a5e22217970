import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../../src/cli/exit-codes.js';
import { CasctlError, fileError, inputError, networkError, refusedError, usageError } from '../../../src/errors.js';

describe('exit codes', () => {
  it('maps each category to the documented number', () => {
    expect(exitCodeFor(refusedError('E_X', 'no').category)).toBe(1);
    expect(exitCodeFor(usageError('E_X', 'bad flag').category)).toBe(2);
    expect(exitCodeFor(inputError('E_X', 'missing file').category)).toBe(3);
    expect(exitCodeFor(networkError('E_X', 'timeout').category)).toBe(4);
    expect(exitCodeFor(new CasctlError('interrupted', 'E_INTERRUPTED', 'x').category)).toBe(130);
    expect(exitCodeFor(new CasctlError('internal', 'E_INTERNAL', 'x').category)).toBe(70);
    expect(EXIT.ok).toBe(0);
  });
});

describe('fileError', () => {
  const sys = (code: string) => Object.assign(new Error(code), { code });
  it('names the file and its role, with a stable code', () => {
    const missing = fileError(sys('ENOENT'), '/etc/cas/x.jwks', 'keystore');
    expect(missing.code).toBe('E_FILE_NOT_FOUND');
    expect(missing.message).toBe('keystore /etc/cas/x.jwks does not exist');
    expect(missing.category).toBe('input');
    const denied = fileError(sys('EACCES'), '/k', 'key');
    expect(denied.code).toBe('E_FILE_PERMISSION');
    expect(denied.hint).toMatch(/permission/);
    expect(fileError(sys('EEXIST'), '/k').hint).toBe('pass --force to replace it');
  });
  it('passes a CasctlError through unchanged', () => {
    const original = usageError('E_USAGE', 'x');
    expect(fileError(original, '/k')).toBe(original);
  });
});
