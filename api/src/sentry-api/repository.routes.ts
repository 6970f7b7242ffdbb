import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES } from '../http/rest-api.js';
import { presentRepository } from './presenters.js';
import { listRepositories } from '../repositories/repository.service.js';

/**
 * `GET /api/0/organizations/{org}/repos/`: what sentry-cli's set-commits matches `--commit`
 * names and `--auto` remote URLs against. Active repositories only, one page (orgs have few).
 */
export function registerRepositoryRoutes(scope: FastifyInstance, app: Deps): void {
  scope.get<{ Params: { org: string }; Querystring: { status?: string } }>('/api/0/organizations/:org/repos/', async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    const status = request.query.status || 'active';
    const repositories = await listRepositories(app.db, access.organization.id);
    return repositories.filter((r) => status === 'all' || r.status === status).map(presentRepository);
  });
}
