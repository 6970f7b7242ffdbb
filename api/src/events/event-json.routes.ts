import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { notFound } from '../errors.js';
import { restAccess, sendRestError } from '../http/rest-context.js';
import { eventPayload } from './event-payload.js';
import { findProjectEvent } from './event.service.js';

interface Params {
  org: string;
  project: string;
  eventId: string;
}

/**
 * `GET /api/0/projects/{org}/{project}/events/{eventId}/json/`, Sentry's raw event: the stored
 * event document as JSON (`?download=1` saves it as `<eventId>.json`). Needs `event:read` in
 * the organization; a session cookie or a token.
 */
export function registerEventJsonRoutes(fastify: FastifyInstance, app: Deps): void {
  fastify.get<{ Params: Params; Querystring: { download?: string } }>('/api/0/projects/:org/:project/events/:eventId/json/', async (request, reply) => {
    try {
      const access = await (await restAccess(request)).organizationBySlug(request.params.org, 'event:read');
      const row = await findProjectEvent(app.db, access.organization.id, request.params.project, request.params.eventId);
      if (!row) throw notFound('Event');
      if (request.query.download) reply.header('content-disposition', `attachment; filename="${row.eventId}.json"`);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .send(JSON.stringify(eventPayload(row)));
    } catch (error) {
      const sent = sendRestError(reply, error);
      if (sent) return sent;
      throw error;
    }
  });
}
