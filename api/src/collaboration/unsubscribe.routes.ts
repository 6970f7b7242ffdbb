/**
 * The one-click unsubscribe of workflow emails, without signing in: `GET` shows what the link is
 * about with a button (link scanners must not unsubscribe anyone), `POST` unsubscribes; mail
 * clients POST `List-Unsubscribe=One-Click` to the same URL (RFC 8058).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../../../integrations/src/email/templates/deploy-email.js';
import type { Deps } from '../runtime/deps.js';
import { unsubscribeByToken, unsubscribeSubject, type UnsubscribeSubject } from './unsubscribe.service.js';

export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe/:token';

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
        `<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">\n${body}\n</body></html>\n`,
    );
}

const INVALID = '<h1>This unsubscribe link is not valid</h1><p>It may be incomplete, or the issue no longer exists.</p>';

const issueLine = (s: UnsubscribeSubject) => `<strong>${escapeHtml(s.shortId)}</strong>: ${escapeHtml(s.title)}`;

export async function registerUnsubscribeRoutes(fastify: FastifyInstance, app: Deps): Promise<void> {
  await fastify.register(async (scope) => {
    // RFC 8058 one-click POSTs are form-encoded; the body says nothing the token does not.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));

    scope.get<{ Params: { token: string } }>(UNSUBSCRIBE_PATH, async (request, reply) => {
      const subject = await unsubscribeSubject(app, request.params.token);
      if (!subject) return page(reply, 404, 'Invalid link', INVALID);
      if (!subject.isSubscribed) return page(reply, 200, 'Unsubscribed', `<h1>You are not subscribed</h1><p>${issueLine(subject)}</p>`);
      return page(
        reply,
        200,
        `Unsubscribe from ${subject.shortId}`,
        `<h1>Unsubscribe from ${escapeHtml(subject.shortId)}?</h1><p>${issueLine(subject)}</p>` +
          `<p>You will get no more emails about this issue unless you subscribe again.</p>` +
          `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
      );
    });

    scope.post<{ Params: { token: string } }>(UNSUBSCRIBE_PATH, async (request, reply) => {
      const subject = await unsubscribeByToken(app, request.params.token);
      if (!subject) return page(reply, 404, 'Invalid link', INVALID);
      return page(reply, 200, 'Unsubscribed', `<h1>You are unsubscribed</h1><p>${issueLine(subject)}</p><p>You will get no more emails about this issue.</p>`);
    });
  });
}
