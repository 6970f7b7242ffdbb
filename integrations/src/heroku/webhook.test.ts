import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseHerokuDeployHook, parseHerokuReleaseWebhook, verifyHerokuSignature } from './webhook.js';

const release = (status: string) => ({
  action: 'update',
  resource: 'release',
  data: {
    status,
    version: 12,
    slug: { id: 'x', commit: '4a1c4920b2431d7a09611e893e2c8abe5b8fc07b' },
    app: { name: 'acme-web' },
    user: { email: 'dev@example.com' },
  },
});

describe('Heroku webhooks', () => {
  it('verifies the HMAC-SHA256 signature over the raw body', () => {
    const body = Buffer.from(JSON.stringify(release('succeeded')));
    const signature = createHmac('sha256', 'hook-secret').update(body).digest('base64');
    expect(verifyHerokuSignature('hook-secret', body, signature)).toBe(true);
    expect(verifyHerokuSignature('wrong', body, signature)).toBe(false);
    expect(verifyHerokuSignature('hook-secret', Buffer.concat([body, Buffer.from(' ')]), signature)).toBe(false);
    expect(verifyHerokuSignature('hook-secret', body, undefined)).toBe(false);
  });

  it('turns a succeeded api:release into a deploy and ignores the rest', () => {
    expect(parseHerokuReleaseWebhook(release('succeeded'))).toEqual({
      app: 'acme-web',
      commit: '4a1c4920b2431d7a09611e893e2c8abe5b8fc07b',
      previousCommit: null,
      userEmail: 'dev@example.com',
      url: 'https://acme-web.herokuapp.com',
    });
    expect(parseHerokuReleaseWebhook(release('pending'))).toBeNull();
    expect(parseHerokuReleaseWebhook({ resource: 'dyno', data: {} })).toBeNull();
  });

  it('reads the legacy deploy hook form', () => {
    expect(
      parseHerokuDeployHook({ app: 'acme-web', user: 'dev@example.com', url: 'https://acme-web.herokuapp.com', head: '4a1c492', head_long: '4a1c4920b2431d7a09611e893e2c8abe5b8fc07b', prev_head: '037081e9e87b2870c1412c7759f1132494de466a', git_log: '* fix', release: 'v12' }),
    ).toMatchObject({ commit: '4a1c4920b2431d7a09611e893e2c8abe5b8fc07b', previousCommit: '037081e9e87b2870c1412c7759f1132494de466a' });
    expect(parseHerokuDeployHook({ app: 'x' })).toBeNull();
  });
});
