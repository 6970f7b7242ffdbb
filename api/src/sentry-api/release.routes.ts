import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import type { FileChangeType } from '../commits/commit-file-change.entity.js';
import { badInput, notFound } from '../errors.js';
import { MAX_ID } from '../graphql/ids.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES, RELEASE_WRITE_SCOPES } from '../http/rest-api.js';
import { jsonObject, optionalObjectArray, optionalString, optionalStringArray, requiredString, type JsonObject } from '../http/rest-input.js';
import { Project } from '../projects/project.entity.js';
import {
  previousReleaseWithCommits,
  updateRelease,
  type ReleaseCommitInput,
  type ReleaseCommitsUpdate,
  type ReleaseRefInput,
} from '../commits/release-commits.service.js';
import { loadReleaseSummaries } from './release-summary.js';
import type { Release } from '../releases/release.entity.js';
import { presentRelease } from './presenters.js';
import { deleteRelease, findRelease, listReleases, upsertRelease } from '../releases/release.service.js';

interface OrgParams {
  org: string;
}
interface ReleaseParams extends OrgParams {
  version: string;
}
interface ListQuery {
  project?: string | string[];
  query?: string;
  cursor?: string;
  per_page?: string;
}

const FILE_TYPES: ReadonlySet<string> = new Set(['A', 'M', 'D']);

/** A `set-commits --local` commit, in sentry-cli's snake_case shape. */
function commitFromJson(json: JsonObject): ReleaseCommitInput {
  return {
    id: requiredString(json, 'id'),
    repository: optionalString(json, 'repository'),
    message: optionalString(json, 'message'),
    authorName: optionalString(json, 'author_name'),
    authorEmail: optionalString(json, 'author_email'),
    timestamp: optionalString(json, 'timestamp'),
    files: optionalObjectArray(json, 'patch_set')?.map((file) => {
      const type = requiredString(file, 'type');
      if (!FILE_TYPES.has(type)) throw badInput(`patch_set type must be A, M or D, got "${type}"`, 'patch_set');
      return { path: requiredString(file, 'path'), type: type as FileChangeType };
    }),
  };
}

function refFromJson(json: JsonObject): ReleaseRefInput {
  return { repository: requiredString(json, 'repository'), commit: requiredString(json, 'commit'), previousCommit: optionalString(json, 'previousCommit') };
}

/** The optional fields POST and PUT share. */
function releaseChangesFromJson(body: JsonObject): ReleaseCommitsUpdate {
  return {
    ref: optionalString(body, 'ref'),
    url: optionalString(body, 'url'),
    dateReleased: optionalString(body, 'dateReleased'),
    status: optionalString(body, 'status') ?? undefined,
    projects: optionalStringArray(body, 'projects'),
    commits: optionalObjectArray(body, 'commits')?.map(commitFromJson),
    refs: optionalObjectArray(body, 'refs')?.map(refFromJson),
  };
}

export async function releaseJson(db: DataSource, release: Release) {
  const summaries = await loadReleaseSummaries(db, [release.id]);
  return presentRelease(release, summaries.get(release.id)!);
}

/** Sentry's `Link` header, which sentry-cli follows while `results="true"`. */
function linkHeader(request: FastifyRequest, nextCursor: string | null): string {
  const url = new URL(request.url, 'http://vigil');
  const base = `${request.protocol}://${request.host}${url.pathname}`;
  const withCursor = (cursor: string) => {
    url.searchParams.set('cursor', cursor);
    return `${base}?${url.searchParams.toString()}`;
  };
  return [
    `<${withCursor('')}>; rel="previous"; results="false"; cursor=""`,
    `<${withCursor(nextCursor ?? '')}>; rel="next"; results="${nextCursor ? 'true' : 'false'}"; cursor="${nextCursor ?? ''}"`,
  ].join(', ');
}

async function sendReleaseList(app: Deps, request: FastifyRequest<{ Querystring: ListQuery }>, organizationId: number, projectIds: number[] | undefined) {
  const { releases, nextCursor } = await listReleases(app.db, organizationId, {
    projectIds,
    query: request.query.query || undefined,
    cursor: request.query.cursor || undefined,
    limit: Number(request.query.per_page) || undefined,
  });
  const summaries = await loadReleaseSummaries(app.db, releases.map((r) => r.id));
  return { link: linkHeader(request, nextCursor), body: releases.map((r) => presentRelease(r, summaries.get(r.id)!)) };
}

export function registerReleaseRoutes(scope: FastifyInstance, app: Deps): void {
  const releasePath = '/api/0/organizations/:org/releases/:version/';

  scope.post<{ Params: OrgParams }>('/api/0/organizations/:org/releases/', async (request, reply) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
    const body = jsonObject(request.body);
    const changes = releaseChangesFromJson(body);
    const { release, created } = await upsertRelease(app, access, {
      version: requiredString(body, 'version'),
      projects: changes.projects ?? [],
      ref: changes.ref,
      url: changes.url,
      dateReleased: changes.dateReleased,
    });
    // Sentry's create also takes a commit list or refs.
    const final = changes.commits || changes.refs
      ? await updateRelease(app, access, release.version, { commits: changes.commits, refs: changes.refs })
      : release;
    return reply.code(created ? 201 : 208).send(await releaseJson(app.db, final));
  });

  scope.get<{ Params: OrgParams; Querystring: ListQuery }>('/api/0/organizations/:org/releases/', async (request, reply) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    const projectParam = request.query.project;
    const projectIds = projectParam === undefined ? undefined : [projectParam].flat().map(Number).filter((id) => Number.isSafeInteger(id) && id > 0 && id <= MAX_ID);
    const { link, body } = await sendReleaseList(app, request, access.organization.id, projectIds);
    return reply.header('link', link).send(body);
  });

  scope.get<{ Params: OrgParams & { project: string }; Querystring: ListQuery }>('/api/0/projects/:org/:project/releases/', async (request, reply) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    const project = await app.db
      .getRepository(Project)
      .findOneBy({ organizationId: access.organization.id, slug: request.params.project, status: 'active' });
    if (!project) throw notFound('Project');
    const { link, body } = await sendReleaseList(app, request, access.organization.id, [project.id]);
    return reply.header('link', link).send(body);
  });

  scope.get<{ Params: ReleaseParams }>(releasePath, async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    return releaseJson(app.db, await findRelease(app.db, access.organization.id, request.params.version));
  });

  scope.put<{ Params: ReleaseParams }>(releasePath, async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
    const release = await updateRelease(app, access, request.params.version, releaseChangesFromJson(jsonObject(request.body)));
    return releaseJson(app.db, release);
  });

  scope.delete<{ Params: ReleaseParams }>(releasePath, async (request, reply) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
    await deleteRelease(app, access, request.params.version);
    // Its release files are orphaned now (release_id set to null): remove them and their unused blobs.
    await app.queue.add('artifacts.cleanup', { organizationId: access.organization.id });
    return reply.code(204).send();
  });

  // Exactly `{}` when there is none: sentry-cli parses that case with deny-unknown-fields.
  scope.get<{ Params: ReleaseParams }>(`${releasePath}previous-with-commits/`, async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    const previous = await previousReleaseWithCommits(app.db, access.organization.id, request.params.version);
    return previous ? releaseJson(app.db, previous.release) : {};
  });
}
