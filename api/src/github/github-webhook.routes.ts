import type { FastifyInstance } from 'fastify';
import { parseGithubDelivery, verifyGithubSignature } from '../../../integrations/src/github/webhook.js';
import type { Deps } from '../runtime/deps.js';
import { recordCommits } from '../commits/commit.service.js';
import { AppError } from '../errors.js';
import { Repository } from '../repositories/repository.entity.js';
import { acceptRawBodies, bodyBuffer, parseJsonOrFormPayload } from '../http/raw-body.js';
import { deliveryIdOf, oncePerDelivery } from '../http/webhook-delivery.js';

/**
 * `POST /hooks/github/{repositoryId}/`: GitHub deliveries for one connected repository, verified
 * with its secret over the raw bytes. A bad or missing signature (or an unknown repository) is 401
 * and stores nothing; a replayed `X-GitHub-Delivery` is 200 and does nothing again.
 */
export async function registerGithubWebhookRoutes(fastify: FastifyInstance, app: Deps): Promise<void> {
  await fastify.register(async (scope) => {
    acceptRawBodies(scope, 25 * 1024 * 1024);
    scope.post<{ Params: { repositoryId: string } }>('/hooks/github/:repositoryId/', async (request, reply) => {
      const id = Number(request.params.repositoryId);
      const repository = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await app.db.getRepository(Repository).findOneBy({ id, status: 'active' }) : null;
      const raw = bodyBuffer(request.body);
      const signature = request.headers['x-hub-signature-256'];
      const valid = repository?.webhookSecret && typeof signature === 'string' && verifyGithubSignature(repository.webhookSecret, raw, signature);
      if (!repository || !valid) return reply.code(401).send({ detail: 'Invalid or missing X-Hub-Signature-256' });
      let payload: unknown;
      try {
        payload = parseJsonOrFormPayload(raw, request.headers['content-type']);
      } catch {
        return reply.code(400).send({ detail: 'The payload is not valid JSON' });
      }
      const delivery = parseGithubDelivery(String(request.headers['x-github-event'] ?? ''), payload);
      const once = { provider: 'github' as const, id: deliveryIdOf(request.headers['x-github-delivery']), targetId: repository.id };
      return oncePerDelivery(app.db, reply, once, async () => {
        switch (delivery.kind) {
          case 'ping':
            return reply.code(200).send({ ok: true, zen: delivery.zen });
          case 'ignored':
            return reply.code(204).send();
          case 'push': {
            let recorded;
            try {
              recorded = await app.db.transaction((tx) =>
                recordCommits(tx, app.queue, { organizationId: repository.organizationId, repositoryId: repository.id, commits: delivery.commits }),
              );
            } catch (error) {
              if (error instanceof AppError) return reply.code(400).send({ detail: error.message });
              throw error;
            }
            app.log.info({ repositoryId: repository.id, commits: recorded.commitIds.length, created: recorded.createdIds.length }, 'github.push');
            return reply.code(202).send({ commits: recorded.commitIds.length });
          }
        }
      });
    });
  });
}
