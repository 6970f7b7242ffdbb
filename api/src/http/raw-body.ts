import type { FastifyInstance } from 'fastify';

/** Webhook signatures are over the exact bytes sent, so these routes read bodies raw. */
export function acceptRawBodies(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

export function bodyBuffer(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** JSON, or GitHub's `application/x-www-form-urlencoded` delivery (`payload=<json>`). */
export function parseJsonOrFormPayload(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return JSON.parse(new URLSearchParams(text).get('payload') ?? 'null');
  }
  return JSON.parse(text);
}
