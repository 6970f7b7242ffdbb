import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Anything that renders the Prometheus text exposition (the ingest domain's PipelineMetrics). */
export interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

/** Several sources on one page (their metric names are distinct). */
export function concatMetrics(first: MetricsSource, ...rest: MetricsSource[]): MetricsSource {
  return {
    contentType: first.contentType,
    async render() {
      const pages = await Promise.all([first, ...rest].map((source) => source.render()));
      return pages.join('');
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` for Prometheus. With `VIGIL_METRICS_TOKEN` set, scrapers must send
 * `Authorization: Bearer <token>`; without it the endpoint is open (it carries instance-wide
 * counts only, no organization, project or user names).
 */
export function registerMetricsRoutes(fastify: FastifyInstance, source: MetricsSource, token: string | null): void {
  const expected = token ? digest(token) : null;
  fastify.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
      // Compare digests: equal lengths, and no timing hint about the token.
      if (!given || !timingSafeEqual(digest(given), expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ detail: 'Send Authorization: Bearer <VIGIL_METRICS_TOKEN>' });
      }
    }
    return reply.code(200).header('content-type', source.contentType).send(await source.render());
  });
}
