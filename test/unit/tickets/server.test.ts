import { describe, expect, it } from 'vitest';
import { endpoint, normaliseServer, resolveServer } from '../../../src/tickets/server.js';

describe('server URL', () => {
  it('drops trailing slashes (Spring rejects // in a path)', () => {
    expect(normaliseServer('https://cas.example.org/cas/')).toBe('https://cas.example.org/cas');
    expect(normaliseServer('https://cas.example.org/cas//')).toBe('https://cas.example.org/cas');
    expect(normaliseServer('https://cas.example.org/')).toBe('https://cas.example.org');
    expect(endpoint(normaliseServer('http://127.0.0.1:8080/cas/'), '/v1/tickets')).toBe('http://127.0.0.1:8080/cas/v1/tickets');
  });

  it('takes --server over CASCTL_SERVER', () => {
    expect(resolveServer('https://a.example/cas', { CASCTL_SERVER: 'https://b.example/cas' })).toBe('https://a.example/cas');
    expect(resolveServer(undefined, { CASCTL_SERVER: 'https://b.example/cas/' })).toBe('https://b.example/cas');
  });

  it('refuses a missing, relative, non-HTTP or query-carrying URL with usage errors', () => {
    expect(() => resolveServer(undefined, {})).toThrowError(expect.objectContaining({ code: 'E_SERVER_REQUIRED', category: 'usage' }));
    expect(() => normaliseServer('cas.example.org/cas')).toThrowError(expect.objectContaining({ code: 'E_SERVER_INVALID' }));
    expect(() => normaliseServer('ftp://cas.example.org/cas')).toThrowError(/http:\/\/ or https:\/\//);
    expect(() => normaliseServer('https://cas.example.org/cas?x=1')).toThrowError(/without a query/);
  });

  it('encodes query values', () => {
    expect(endpoint('https://cas/cas', '/p3/serviceValidate', { service: 'https://app/?a=1&b=2', ticket: 'ST-1', format: undefined })).toBe(
      'https://cas/cas/p3/serviceValidate?service=https%3A%2F%2Fapp%2F%3Fa%3D1%26b%3D2&ticket=ST-1',
    );
  });
});
