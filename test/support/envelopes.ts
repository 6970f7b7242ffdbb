import { randomUUID } from 'node:crypto';

export const newEventId = (): string => randomUUID().replace(/-/g, '');

/** An envelope with one event item, framed like @sentry/node frames it (no item length). */
export function eventEnvelope(event: Record<string, unknown>): string {
  const eventId = (event.event_id as string | undefined) ?? newEventId();
  return `${JSON.stringify({ event_id: eventId, sent_at: new Date().toISOString() })}\n{"type":"event"}\n${JSON.stringify({
    event_id: eventId,
    timestamp: Date.now() / 1000,
    platform: 'javascript',
    ...event,
  })}\n`;
}

/** Posts raw bytes to the envelope endpoint, authenticated in the query string like the JS SDKs. */
export async function postEnvelope(
  serverUrl: string,
  projectId: number,
  publicKey: string | null,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const query = publicKey ? `?sentry_version=7&sentry_key=${publicKey}` : '';
  const response = await fetch(`${serverUrl}/api/${projectId}/envelope/${query}`, { method: 'POST', body, headers });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
