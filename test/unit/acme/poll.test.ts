import { describe, expect, it } from 'vitest';
import { pollUntil, type AcmeSession } from '../../../src/acme/client.js';

function fakeSession(answers: { status: string; retryAfter?: string }[]) {
  let calls = 0;
  const session = {
    get: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      return { status: 200, data: { status: answer.status }, headers: answer.retryAfter ? { 'retry-after': answer.retryAfter } : {} };
    },
  } as unknown as AcmeSession;
  return { session, calls: () => calls };
}

describe('pollUntil (bounded polling of authorizations and orders)', () => {
  it('returns once the status is reached, after short waits', async () => {
    const { session, calls } = fakeSession([{ status: 'pending' }, { status: 'pending' }, { status: 'valid' }]);
    const result = await pollUntil(session, 'https://ca/authz/1', { deadline: Date.now() + 10_000, what: 'the authorization of a.example.org', done: ['valid'] });
    expect(result.status).toBe('valid');
    expect(calls()).toBe(3);
  });
  it('returns an invalid object for the caller to report (with its problem document)', async () => {
    const { session } = fakeSession([{ status: 'invalid' }]);
    expect((await pollUntil(session, 'u', { deadline: Date.now() + 1000, what: 'x', done: ['valid'] })).status).toBe('invalid');
  });
  it('stops with E_ACME_POLL_TIMEOUT (exit 4) when the next wait would pass the deadline', async () => {
    const { session, calls } = fakeSession([{ status: 'processing', retryAfter: '3600' }]);
    await expect(pollUntil(session, 'https://ca/order/1', { deadline: Date.now() + 5_000, what: 'the order', done: ['valid'] })).rejects.toMatchObject({
      code: 'E_ACME_POLL_TIMEOUT',
      category: 'network',
      message: 'the order is still processing after the time allowed',
    });
    // Retry-After: 3600 is capped (10 s), and 10 s is past the 5 s deadline: no wait at all.
    expect(calls()).toBe(1);
  });
  it('honours Retry-After below the cap', async () => {
    const { session, calls } = fakeSession([{ status: 'pending', retryAfter: '0' }, { status: 'valid' }]);
    expect((await pollUntil(session, 'u', { deadline: Date.now() + 1000, what: 'x', done: ['valid'] })).status).toBe('valid');
    expect(calls()).toBe(2);
  });
  it('an aborted signal (Ctrl-C) interrupts the wait', async () => {
    const { session } = fakeSession([{ status: 'pending', retryAfter: '5' }]);
    const controller = new AbortController();
    const promise = pollUntil(session, 'u', { deadline: Date.now() + 60_000, what: 'x', done: ['valid'], signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(promise).rejects.toMatchObject({ category: 'interrupted' });
  });
});
