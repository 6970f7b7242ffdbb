/** The parts of a DSN: `http://<publicKey>@host/<projectId>`. */
export interface ParsedDsn {
  publicKey: string;
  host: string;
  protocol: string;
  projectId: string;
  /** Where envelopes go: `<origin>/api/<projectId>/envelope/`. */
  envelopeUrl: string;
}

export function parseDsn(dsn: string): ParsedDsn | null {
  try {
    const url = new URL(dsn);
    const projectId = url.pathname.split('/').filter(Boolean).pop();
    if (!url.username || !projectId) return null;
    const path = url.pathname.replace(/\/[^/]*\/?$/, '');
    return {
      publicKey: url.username,
      host: url.host,
      protocol: url.protocol.replace(':', ''),
      projectId,
      envelopeUrl: `${url.protocol}//${url.host}${path}/api/${projectId}/envelope/`,
    };
  } catch {
    return null;
  }
}

export type SdkPlatform = 'node' | 'browser';

export function installCommand(platform: SdkPlatform): string {
  return platform === 'node' ? 'npm install @sentry/node' : 'npm install @sentry/browser';
}

/** A ready `Sentry.init({...})` for the platform. */
export function initSnippet(platform: SdkPlatform, dsn: string): string {
  const init = ['Sentry.init({', `  dsn: '${dsn}',`, "  release: 'my-app@1.0.0',", "  environment: 'production',", '});'];
  const head =
    platform === 'node'
      ? ['// instrument.mjs: load it first, e.g. node --import ./instrument.mjs app.mjs', "import * as Sentry from '@sentry/node';"]
      : ["import * as Sentry from '@sentry/browser';"];
  return [...head, '', ...init].join('\n');
}

/** Hex id as SDKs make them: 32 lower-case hex characters. */
export function newEventId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

/**
 * The envelope an SDK would send for one error: an envelope header, an item header and the
 * event, newline-separated, as Sentry's protocol wants.
 */
export function testEventEnvelope(dsn: string, options: { eventId?: string; now?: Date; userAgent?: string } = {}): string {
  const eventId = options.eventId ?? newEventId();
  const now = options.now ?? new Date();
  const event = {
    event_id: eventId,
    timestamp: now.getTime() / 1000,
    platform: 'javascript',
    level: 'error',
    environment: 'production',
    logger: 'vigil.test',
    tags: { source: 'vigil-dashboard' },
    sdk: { name: 'vigil.dashboard', version: '1.0.0' },
    request: { url: typeof location === 'undefined' ? undefined : location.href, headers: { 'User-Agent': options.userAgent ?? '' } },
    exception: {
      values: [
        {
          type: 'Error',
          value: 'This is a test event sent from the Vigil dashboard',
          mechanism: { type: 'generic', handled: true },
          stacktrace: {
            frames: [
              { filename: 'vigil/dashboard.js', function: 'sendTestEvent', lineno: 1, colno: 1, in_app: true },
            ],
          },
        },
      ],
    },
  };
  const header = { event_id: eventId, dsn, sent_at: now.toISOString() };
  return `${JSON.stringify(header)}\n${JSON.stringify({ type: 'event' })}\n${JSON.stringify(event)}\n`;
}

/** Sends the test event straight to Vigil's ingest endpoint, as a browser SDK would. */
export async function sendTestEvent(dsn: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const parsed = parseDsn(dsn);
  if (!parsed) throw new Error('This project has no valid DSN');
  const eventId = newEventId();
  const url = `${parsed.envelopeUrl}?sentry_key=${encodeURIComponent(parsed.publicKey)}&sentry_version=7`;
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    body: testEventEnvelope(dsn, { eventId, userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent }),
  });
  if (!response.ok) {
    const detail = await response.json().then((body: { detail?: string }) => body.detail).catch(() => undefined);
    throw new Error(detail ? `Vigil refused the event: ${detail}` : `Vigil answered ${response.status}`);
  }
  return eventId;
}
