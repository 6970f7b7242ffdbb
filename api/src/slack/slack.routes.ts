import type { FastifyInstance } from 'fastify';
import { verifySlackSignature } from '../../../integrations/src/slack/signature.js';
import type { Deps } from '../runtime/deps.js';
import { acceptRawBodies, bodyBuffer } from '../http/raw-body.js';
import { slackApiFor } from './slack-api.js';
import { FastifySlackReceiver } from './slack-receiver.js';

/** Slash commands come form-encoded, clicks as a form with `payload=<json>`, events as JSON. */
function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * `POST /slack/events`: every request of the Slack app (slash commands, interactivity, the
 * Events API), verified over the raw bytes with `SLACK_SIGNING_SECRET` before anything is read.
 * A bad signature or a timestamp older than five minutes is 401 and does nothing.
 */
export async function registerSlackRoutes(fastify: FastifyInstance, app: Deps): Promise<void> {
  const { signingSecret, botToken } = app.config.slack;
  const slack = slackApiFor(app.config);
  const receiver = new FastifySlackReceiver(app.log);
  // Bolt (and what it brings: undici, OAuth, Socket Mode) is loaded only when Slack is configured.
  if (signingSecret && botToken && slack) (await import('./slack-bolt.js')).createSlackBolt(app, slack, receiver, botToken);
  await fastify.register(async (scope) => {
    acceptRawBodies(scope, 1024 * 1024);
    scope.addHook('onClose', async () => receiver.stop());
    scope.post('/slack/events', async (request, reply) => {
      if (!signingSecret || !botToken) return reply.code(503).send({ detail: 'Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
      const raw = bodyBuffer(request.body);
      const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
      const check = verifySlackSignature(signingSecret, { signature: header('x-slack-signature'), timestamp: header('x-slack-request-timestamp') }, raw);
      if (!check.ok) return reply.code(401).send({ detail: check.reason });
      let body: Record<string, unknown>;
      try {
        body = parseSlackBody(raw, request.headers['content-type']);
      } catch {
        return reply.code(400).send({ detail: 'The body is neither a form nor JSON' });
      }
      // Slack checks the URL when it is saved (url_verification) and probes SSL (ssl_check).
      if (body.type === 'url_verification') return reply.send({ challenge: body.challenge });
      if (body.ssl_check) return reply.send();
      const retry = header('x-slack-retry-num');
      const answer = await receiver.dispatch({
        body,
        ...(retry ? { retryNum: Number(retry) } : {}),
        ...(header('x-slack-retry-reason') ? { retryReason: header('x-slack-retry-reason')! } : {}),
      });
      if (answer === undefined || answer === '') return reply.code(200).send();
      return typeof answer === 'string' ? reply.type('text/plain; charset=utf-8').send(answer) : reply.send(answer);
    });
  });
}
