import { describe, expect, it, vi } from 'vitest';
import { initSnippet, parseDsn, sendTestEvent, testEventEnvelope } from './sdk-setup';

const DSN = 'http://0123456789abcdef0123456789abcdef@127.0.0.1:8000/42';

describe('parseDsn', () => {
  it('finds the key, project and envelope URL', () => {
    expect(parseDsn(DSN)).toEqual({
      publicKey: '0123456789abcdef0123456789abcdef',
      host: '127.0.0.1:8000',
      protocol: 'http',
      projectId: '42',
      envelopeUrl: 'http://127.0.0.1:8000/api/42/envelope/',
    });
    expect(parseDsn('https://key@vigil.example.com/prefix/7')?.envelopeUrl).toBe('https://vigil.example.com/prefix/api/7/envelope/');
    expect(parseDsn('not a dsn')).toBeNull();
  });
});

describe('snippets', () => {
  it('put the DSN into Sentry.init for both platforms', () => {
    expect(initSnippet('node', DSN)).toContain(`import * as Sentry from '@sentry/node';`);
    expect(initSnippet('node', DSN)).toContain(`dsn: '${DSN}'`);
    expect(initSnippet('browser', DSN)).toContain(`import * as Sentry from '@sentry/browser';`);
  });
});

describe('test event', () => {
  it('is an envelope: header, item header, event', () => {
    const lines = testEventEnvelope(DSN, { eventId: 'a'.repeat(32), now: new Date('2026-01-01T00:00:00Z') }).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({ event_id: 'a'.repeat(32), dsn: DSN, sent_at: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(lines[1]!)).toEqual({ type: 'event' });
    expect(JSON.parse(lines[2]!)).toMatchObject({ event_id: 'a'.repeat(32), level: 'error', exception: { values: [{ type: 'Error' }] } });
  });

  it('posts to the ingest endpoint with the key', async () => {
    const fetchImpl = vi.fn(async () => new Response('{}', { status: 200 }));
    const eventId = await sendTestEvent(DSN, fetchImpl as unknown as typeof fetch);
    expect(eventId).toMatch(/^[0-9a-f]{32}$/);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:8000/api/42/envelope/?sentry_key=0123456789abcdef0123456789abcdef&sentry_version=7');
    expect(init.method).toBe('POST');
  });

  it('reports what Vigil refused', async () => {
    const fetchImpl = async () => new Response(JSON.stringify({ detail: 'key disabled' }), { status: 403 });
    await expect(sendTestEvent(DSN, fetchImpl as typeof fetch)).rejects.toThrow('Vigil refused the event: key disabled');
  });
});
