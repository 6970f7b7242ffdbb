import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { renderSharedIssueNotFound, renderSharedIssuePage } from './shared-issue-page.js';
import { findSharedIssue } from './shared-issue.service.js';

/** No script may run, nothing is cached by proxies, and the link does not leak as a referrer. */
function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('Cache-Control', 'private, no-store')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Robots-Tag', 'noindex')
    .send(html);
}

/** `GET /share/issue/{shareId}/`: a shared issue, readable without signing in (Sentry's path). */
export function registerSharedIssueRoutes(fastify: FastifyInstance, app: Pick<Deps, 'db'>): void {
  fastify.get<{ Params: { shareId: string } }>('/share/issue/:shareId/', async (request, reply) => {
    const view = await findSharedIssue(app.db, request.params.shareId);
    return view ? sendHtml(reply, 200, renderSharedIssuePage(view)) : sendHtml(reply, 404, renderSharedIssueNotFound());
  });
  // Any other /share/ path (too long an id, extra segments) is a bad link, not a dashboard page.
  fastify.get('/share/*', async (_request, reply) => sendHtml(reply, 404, renderSharedIssueNotFound()));
}
