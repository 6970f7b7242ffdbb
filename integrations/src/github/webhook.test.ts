import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { Webhooks } from '@octokit/webhooks';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { parseGithubDelivery, verifyGithubSignature } from './webhook.js';

// The package is a JSON file of real payloads that GitHub sent (webhooks-examples).
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const pushExamples = examples.find((e) => e.name === 'push')!.examples as unknown as Record<string, unknown>[];
const pingExample = examples.find((e) => e.name === 'ping')!.examples[0];

describe('GitHub webhooks', () => {
  it('verifies X-Hub-Signature-256 signed with the secret, and nothing else', async () => {
    const body = Buffer.from(JSON.stringify(pushExamples[4]));
    const signature = await new Webhooks({ secret: 's3cret' }).sign(body.toString('utf8'));
    expect(verifyGithubSignature('s3cret', body, signature)).toBe(true);
    expect(verifyGithubSignature('s3cret', body, signature.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
    expect(verifyGithubSignature('other', body, signature)).toBe(false);
    expect(verifyGithubSignature('s3cret', Buffer.concat([body, Buffer.from(' ')]), signature)).toBe(false);
    expect(verifyGithubSignature('s3cret', body, undefined)).toBe(false);
    expect(verifyGithubSignature('s3cret', body, 'sha256=nonsense')).toBe(false);
    expect(verifyGithubSignature('s3cret', body, signature.replace('sha256=', 'sha1='))).toBe(false);
  });

  it('verifies over the raw bytes: bodies that decode to the same text do not share a signature', () => {
    // 0xff and 0xfe are both invalid UTF-8 and both decode to U+FFFD.
    const signed = Buffer.concat([Buffer.from('{"zen":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const tampered = Buffer.concat([Buffer.from('{"zen":"'), Buffer.from([0xfe]), Buffer.from('"}')]);
    expect(tampered.toString('utf8')).toBe(signed.toString('utf8'));
    const signature = `sha256=${createHmac('sha256', 's3cret').update(signed).digest('hex')}`;
    expect(verifyGithubSignature('s3cret', signed, signature)).toBe(true);
    expect(verifyGithubSignature('s3cret', tampered, signature)).toBe(false);
  });

  it('normalizes a push: commits oldest first, chained parents, files by change type', () => {
    const example = pushExamples.find((e) => (e.commits as unknown[]).length > 0)!;
    const delivery = parseGithubDelivery('push', example);
    expect(delivery.kind).toBe('push');
    if (delivery.kind !== 'push') return;
    const raw = (example.commits as { id: string; added: string[]; modified: string[]; removed: string[] }[])[0]!;
    expect(delivery.repository.fullName).toBe((example.repository as { full_name: string }).full_name);
    const before = String(example.before);
    expect(delivery.commits[0]).toMatchObject({ id: raw.id, parent: /^0+$/.test(before) ? null : before });
    expect(delivery.commits[0]!.files).toHaveLength(raw.added.length + raw.modified.length + raw.removed.length);
  });

  it('treats a new branch (null before) as having no known parent', () => {
    const delivery = parseGithubDelivery('push', {
      before: '0000000000000000000000000000000000000000',
      after: 'b',
      repository: { full_name: 'acme/web', html_url: 'https://github.com/acme/web' },
      commits: [
        { id: 'a1', message: 'one', timestamp: '2026-11-27T10:00:00Z', author: { name: 'A', email: 'A@Example.com' } },
        { id: 'b2', message: 'two', timestamp: '2026-11-27T10:01:00Z', author: { name: 'A', email: 'a@example.com' }, added: ['x.js'] },
      ],
    });
    if (delivery.kind !== 'push') throw new Error('not a push');
    expect(delivery.commits.map((c) => [c.id, c.parent, c.authorEmail])).toEqual([
      ['a1', null, 'a@example.com'],
      ['b2', 'a1', 'a@example.com'],
    ]);
  });

  it('answers ping and ignores other events', () => {
    expect(parseGithubDelivery('ping', pingExample)).toMatchObject({ kind: 'ping' });
    expect(parseGithubDelivery('issues', {})).toEqual({ kind: 'ignored', event: 'issues' });
  });
});
