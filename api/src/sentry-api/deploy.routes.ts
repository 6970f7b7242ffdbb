import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES, RELEASE_WRITE_SCOPES } from '../http/rest-api.js';
import { jsonObject, optionalString, optionalStringArray } from '../http/rest-input.js';
import { presentDeploy } from './presenters.js';
import { findRelease } from '../releases/release.service.js';
import { createDeploy, listDeploys } from '../deploys/deploy.service.js';

interface Params {
  org: string;
  version: string;
}

/** `sentry-cli deploys new` (201 with the deploy) and `deploys list` (newest first). */
export function registerDeployRoutes(scope: FastifyInstance, app: Deps): void {
  const path = '/api/0/organizations/:org/releases/:version/deploys/';

  scope.post<{ Params: Params }>(path, async (request, reply) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
    const release = await findRelease(app.db, access.organization.id, request.params.version);
    const body = jsonObject(request.body);
    const deploy = await createDeploy(app, access, release, {
      environment: optionalString(body, 'environment') ?? '',
      name: optionalString(body, 'name'),
      url: optionalString(body, 'url'),
      dateStarted: optionalString(body, 'dateStarted'),
      dateFinished: optionalString(body, 'dateFinished'),
      projects: optionalStringArray(body, 'projects'),
    });
    return reply.code(201).send(presentDeploy(deploy));
  });

  scope.get<{ Params: Params; Querystring: { environment?: string } }>(path, async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    const release = await findRelease(app.db, access.organization.id, request.params.version);
    const deploys = await listDeploys(app.db, release, { environment: request.query.environment || undefined });
    return deploys.map(presentDeploy);
  });
}
