import { describe, expect, it } from 'vitest';
import { closestName } from '../../../src/text/closest-name.js';

describe('closestName (the "did you mean" of account lint and service lint)', () => {
  const known = ['enabled', 'ssoEnabled', 'requiredAttributes', 'unauthorizedRedirectUrl'];

  it('prefers the name that differs only in case, wherever it stands', () => {
    expect(closestName('SSOENABLED', known)).toBe('ssoEnabled');
  });

  it('takes the nearest name within two edits, and nothing beyond', () => {
    expect(closestName('enable', known)).toBe('enabled');
    expect(closestName('requiredAtributes', known)).toBe('requiredAttributes');
    expect(closestName('disabledness', known)).toBeUndefined();
  });

  it('compares through the caller\'s normalisation', () => {
    expect(closestName('sso_enabled', known, (n) => n.toLowerCase().replace(/[-_]/g, ''))).toBe('ssoEnabled');
    expect(closestName('sso_enabled', known)).toBe('ssoEnabled'); // one edit away without it
  });
});
