import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Scope } from '../auth/scopes.js';
import { notFound } from '../errors.js';
import { orgAccessWithAnyScope } from '../http/rest-api.js';
import { jsonObject } from '../http/rest-input.js';
import { Project } from '../projects/project.entity.js';
import type { Deps } from '../runtime/deps.js';
import { presentDelivery, presentServiceHook } from './service-hook.presenters.js';
import { createServiceHook, deleteServiceHook, findServiceHook, listDeliveries, listServiceHooks, updateServiceHook } from './service-hook.service.js';

interface Params {
  org: string;
  project: string;
  hookId?: string;
}

const READ: readonly Scope[] = ['project:read', 'project:write'];
const WRITE: readonly Scope[] = ['project:write'];

async function projectOf(app: Deps, request: FastifyRequest<{ Params: Params }>, scopes: readonly Scope[]): Promise<Project> {
  const access = await orgAccessWithAnyScope(app, request, request.params.org, scopes);
  const slug = request.params.project;
  const project = slug.includes('\u0000') ? null : await app.db.getRepository(Project).findOneBy({ organizationId: access.organization.id, slug, status: 'active' });
  if (!project) throw notFound('Project');
  return project;
}

async function hookOf(app: Deps, request: FastifyRequest<{ Params: Params }>, scopes: readonly Scope[]) {
  const project = await projectOf(app, request, scopes);
  return findServiceHook(app.db, project, { guid: request.params.hookId ?? '' });
}

/** Sentry's `ProjectServiceHooksEndpoint` and `ProjectServiceHookDetailsEndpoint`, plus each hook's delivery log. */
export function registerServiceHookRoutes(scope: FastifyInstance, app: Deps): void {
  const list = '/api/0/projects/:org/:project/hooks/';
  const detail = '/api/0/projects/:org/:project/hooks/:hookId/';

  scope.get<{ Params: Params }>(list, async (request) => (await listServiceHooks(app.db, await projectOf(app, request, READ))).map((hook) => presentServiceHook(hook)));

  scope.post<{ Params: Params }>(list, async (request, reply) => {
    const project = await projectOf(app, request, WRITE);
    const body = jsonObject(request.body);
    const { hook, secret } = await createServiceHook(app.db, app.config, project, { url: body.url, events: body.events });
    return reply.code(201).send(presentServiceHook(hook, secret));
  });

  scope.get<{ Params: Params }>(detail, async (request) => presentServiceHook(await hookOf(app, request, READ)));

  scope.put<{ Params: Params }>(detail, async (request) => {
    const hook = await hookOf(app, request, WRITE);
    const body = jsonObject(request.body);
    return presentServiceHook(await updateServiceHook(app.db, app.config, hook, { url: body.url, events: body.events, isActive: body.isActive }));
  });

  scope.delete<{ Params: Params }>(detail, async (request, reply) => {
    await deleteServiceHook(app.db, await hookOf(app, request, WRITE));
    return reply.code(204).send();
  });

  scope.get<{ Params: Params; Querystring: { per_page?: string } }>(`${detail}deliveries/`, async (request) => {
    const hook = await hookOf(app, request, READ);
    const perPage = request.query.per_page === undefined ? undefined : Number(request.query.per_page);
    return (await listDeliveries(app.db, hook, perPage)).map(presentDelivery);
  });
}
