import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { notFound } from '../errors.js';
import { MAX_ID } from '../graphql/ids.js';
import { restAccess, sendRestError } from '../http/rest-context.js';
import { EventAttachment } from './event-attachment.entity.js';
import { parseEventId } from './event-id.js';

interface Params {
  org: string;
  project: string;
  eventId: string;
  attachmentId: string;
}

/** An ASCII `filename` for old clients and the exact name as UTF-8 `filename*` (RFC 6266). */
function contentDisposition(disposition: string, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `GET /api/0/projects/{org}/{project}/events/{eventId}/attachments/{id}/?download=1`, as in Sentry. */
export function registerAttachmentRoutes(fastify: FastifyInstance, app: Deps): void {
  fastify.get<{ Params: Params; Querystring: { download?: string } }>(
    '/api/0/projects/:org/:project/events/:eventId/attachments/:attachmentId/',
    async (request, reply) => {
      try {
        const access = await (await restAccess(request)).organizationBySlug(request.params.org, 'event:read');
        // Ids PostgreSQL cannot hold (beyond integer, NUL in text) name nothing: 404, not a failed query.
        const id = /^\d{1,10}$/.test(request.params.attachmentId) ? Number(request.params.attachmentId) : 0;
        const eventId = parseEventId(request.params.eventId);
        if (id < 1 || id > MAX_ID || !eventId || request.params.project.includes('\u0000')) throw notFound('Attachment');
        const attachment = await app.db
          .getRepository(EventAttachment)
          .createQueryBuilder('a')
          .innerJoin('project', 'p', "p.id = a.project_id AND p.status = 'active'")
          .where('a.id = :id AND a.event_id = :eventId AND p.slug = :project AND p.organization_id = :orgId', {
            id,
            eventId,
            project: request.params.project,
            orgId: access.organization.id,
          })
          .getOne();
        if (!attachment) throw notFound('Attachment');
        const disposition = request.query.download ? 'attachment' : 'inline';
        return reply
          .header('content-type', attachment.contentType)
          .header('content-disposition', contentDisposition(disposition, attachment.name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(attachment.data);
      } catch (error) {
        const sent = sendRestError(reply, error);
        if (sent) return sent;
        throw error;
      }
    },
  );
}
