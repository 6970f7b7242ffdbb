import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseHerokuDeployHook, parseHerokuReleaseWebhook, verifyHerokuSignature } from '../../../integrations/src/heroku/webhook.js';
import type { Deps } from '../runtime/deps.js';
import { AppError } from '../errors.js';
import { findHeroku, recordHerokuDeploy } from './heroku.service.js';
import { acceptRawBodies, bodyBuffer } from '../http/raw-body.js';
import { deliveryIdOf, oncePerDelivery } from '../http/webhook-delivery.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Heroku for a project: app webhooks (`api:release`, signed with `Heroku-Webhook-Hmac-SHA256`) at
 * `/hooks/heroku/{projectId}/`, and the legacy HTTP deploy hook (a form post whose URL carries the
 * secret) at `/hooks/heroku/{projectId}/deploy-hook/`. A bad signature is 401 and changes nothing;
 * a replay (same `Heroku-Webhook-Id`, or the same deploy-hook post) is 200 and does nothing again.
 */
export async function registerHerokuWebhookRoutes(fastify: FastifyInstance, app: Deps): Promise<void> {
  await fastify.register(async (scope) => {
    acceptRawBodies(scope, 1024 * 1024);

    scope.post<{ Params: { projectId: string } }>('/hooks/heroku/:projectId/', async (request, reply) => {
      const integration = await findHeroku(app.db, Number(request.params.projectId));
      const raw = bodyBuffer(request.body);
      const signature = request.headers['heroku-webhook-hmac-sha256'];
      if (!integration || !verifyHerokuSignature(integration.webhookSecret, raw, typeof signature === 'string' ? signature : undefined)) {
        return reply.code(401).send({ detail: 'Invalid or missing Heroku-Webhook-Hmac-SHA256' });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ detail: 'The payload is not valid JSON' });
      }
      const deploy = parseHerokuReleaseWebhook(payload);
      if (!deploy) return reply.code(204).send();
      const once = { provider: 'heroku' as const, id: deliveryIdOf(request.headers['heroku-webhook-id']), targetId: integration.projectId };
      return oncePerDelivery(app.db, reply, once, () => respond(reply, () => recordHerokuDeploy(app, integration, deploy)));
    });

    scope.post<{ Params: { projectId: string }; Querystring: { secret?: string } }>('/hooks/heroku/:projectId/deploy-hook/', async (request, reply) => {
      const integration = await findHeroku(app.db, Number(request.params.projectId));
      if (!integration || !sameSecret(request.query.secret, integration.webhookSecret)) {
        return reply.code(401).send({ detail: 'Invalid or missing secret' });
      }
      const raw = bodyBuffer(request.body);
      const deploy = parseHerokuDeployHook(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
      if (!deploy) return reply.code(400).send({ detail: 'The deploy hook needs head_long (or head): the deployed commit' });
      // No delivery id here; each Heroku release numbers its post (`release=v8`), so the same bytes again are a replay.
      const once = { provider: 'heroku' as const, id: `deploy-hook:${sha256(raw)}`, targetId: integration.projectId };
      return oncePerDelivery(app.db, reply, once, () => respond(reply, () => recordHerokuDeploy(app, integration, deploy)));
    });
  });
}

async function respond(reply: FastifyReply, record: () => Promise<string>) {
  try {
    return reply.code(202).send({ release: await record() });
  } catch (error) {
    if (error instanceof AppError) return reply.code(error.code === 'NOT_FOUND' ? 404 : 400).send({ detail: error.message });
    throw error;
  }
}
