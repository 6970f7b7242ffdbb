import { createRequire } from 'node:module';

// Bolt (with undici and more) is loaded by the first Slack request, not by every process.
const require = createRequire(import.meta.url);
let bolt: typeof import('@slack/bolt') | undefined;

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack's request signing, checked by Bolt: `v0=` + hex HMAC-SHA256 of
 * `v0:{X-Slack-Request-Timestamp}:{raw body}` with the signing secret, and a timestamp no older
 * than five minutes. The body is the exact bytes received.
 */
export function verifySlackSignature(
  signingSecret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: Buffer,
  nowMilliseconds = Date.now(),
): SlackSignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'Missing or malformed X-Slack-Signature or X-Slack-Request-Timestamp' };
  }
  bolt ??= require('@slack/bolt') as typeof import('@slack/bolt');
  try {
    bolt.verifySlackRequest({
      signingSecret,
      body: rawBody.toString('utf8'),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds,
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.replace(/^Failed to verify authenticity: /, '') };
  }
}
