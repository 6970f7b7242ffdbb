import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from './signature.js';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from('token=xyz&team_id=T1&command=%2Fvigil&text=help');
const now = 1_700_000_000;
const sign = (timestamp: number, bytes = body, key = secret) => `v0=${createHmac('sha256', key).update(`v0:${timestamp}:`).update(bytes).digest('hex')}`;

describe('verifySlackSignature', () => {
  it('accepts v0 HMAC-SHA256 over v0:{timestamp}:{raw body}', () => {
    expect(verifySlackSignature(secret, { signature: sign(now), timestamp: String(now) }, body, now * 1000)).toEqual({ ok: true });
  });

  it('refuses another secret, another body, a stale timestamp and missing headers', () => {
    expect(verifySlackSignature(secret, { signature: sign(now, body, 'other'), timestamp: String(now) }, body, now * 1000)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifySlackSignature(secret, { signature: sign(now), timestamp: String(now) }, Buffer.from(`${body}x`), now * 1000).ok).toBe(false);
    const stale = now - 5 * 60 - 1;
    expect(verifySlackSignature(secret, { signature: sign(stale), timestamp: String(stale) }, body, now * 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('stale') });
    expect(verifySlackSignature(secret, { signature: undefined, timestamp: String(now) }, body, now * 1000).ok).toBe(false);
    expect(verifySlackSignature(secret, { signature: sign(now), timestamp: 'soon' }, body, now * 1000).ok).toBe(false);
    expect(verifySlackSignature(secret, { signature: 'v1=abc', timestamp: String(now) }, body, now * 1000).ok).toBe(false);
  });
});
