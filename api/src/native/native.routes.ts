/**
 * Sentry's debug-file REST API as sentry-cli uses it (legacy multipart `files/dsyms/`, list,
 * download, delete), processing issues, reprocessing, system symbol sets and the batch lookup.
 * Routes stay thin: authorize, scope to the caller's organization, call the services.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { badInput, notFound } from '../errors.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES, RELEASE_WRITE_SCOPES } from '../http/rest-api.js';
import { restAccess } from '../http/rest-context.js';
import { Project } from '../projects/project.entity.js';
import { parseDebugId } from './debug-id.js';
import { assembleDebugFiles, parseAssembleRequest } from './dif-assemble.js';
import { debugFileBytes, debugFileOfProject, deleteDebugFile, listDebugFiles, parseDebugFileId, storeDebugFiles, UnreadableDebugFileError } from './debug-file.service.js';
import { heldEventCount, listProcessingIssues } from './held-events.js';
import { presentDebugFile, presentProcessingIssues } from './native-presenters.js';
import { startReprocessing } from './reprocessing.service.js';
import { listSymbolSets, loadSystemSymbols, lookupSystemSymbolsJson, parseLookupRequest, sdkIdOrThrow } from './system-symbols.service.js';

interface ProjectParams {
  org: string;
  project: string;
}

const LOOKUP_BODY_BYTES = 32 * 1024 * 1024;

/** Largest debug file accepted in one multipart upload. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

async function projectOf(app: Deps, request: FastifyRequest<{ Params: ProjectParams }>, write: boolean): Promise<Project> {
  const access = await orgAccessWithAnyScope(app, request, request.params.org, write ? RELEASE_WRITE_SCOPES : RELEASE_READ_SCOPES);
  const project = await app.db.getRepository(Project).findOneBy({ organizationId: access.organization.id, slug: request.params.project, status: 'active' });
  if (!project) throw notFound('Project not found');
  return project;
}

/** Every `file` part of a multipart request, with its name. */
async function uploadedFiles(request: FastifyRequest): Promise<{ name: string; bytes: Buffer }[]> {
  if (!request.isMultipart()) throw badInput('Send the file as multipart/form-data in a field named "file"', 'file');
  const files: { name: string; bytes: Buffer }[] = [];
  for await (const part of request.files()) {
    if (part.fieldname !== 'file') continue;
    files.push({ name: part.filename || 'upload', bytes: await part.toBuffer() });
  }
  if (files.length === 0) throw badInput('The request has no "file" part', 'file');
  return files;
}

/** An unreadable upload is the uploader's mistake: 400 with the reason. */
function asBadInput<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    if (error instanceof UnreadableDebugFileError) throw badInput(`Not a readable debug file: ${error.message}`, 'file');
    throw error;
  });
}

export async function registerNativeRoutes(scope: FastifyInstance, app: Deps): Promise<void> {
  await scope.register(async (native) => {
    await native.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 16 }, throwFileSizeLimit: true });

    native.post<{ Params: ProjectParams }>('/api/0/projects/:org/:project/files/dsyms/', async (request, reply) => {
      const project = await projectOf(app, request, true);
      const stored = [];
      for (const file of await uploadedFiles(request)) stored.push(...(await asBadInput(() => storeDebugFiles(app, project.id, file.name, file.bytes))));
      return reply.code(201).send(stored.map(presentDebugFile));
    });

    native.post<{ Params: ProjectParams }>('/api/0/projects/:org/:project/files/difs/assemble/', async (request) => {
      const project = await projectOf(app, request, true);
      return assembleDebugFiles(app, project, parseAssembleRequest(request.body));
    });

    native.get<{ Params: ProjectParams; Querystring: { id?: string; debug_id?: string; query?: string } }>('/api/0/projects/:org/:project/files/dsyms/', async (request, reply) => {
      const project = await projectOf(app, request, false);
      if (request.query.id !== undefined) {
        const file = await debugFileOfProject(app.db, project.id, parseDebugFileId(request.query.id));
        const bytes = await debugFileBytes(app.storage, file);
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${file.objectName.replace(/["\\\r\n]/g, '_')}"`)
          .send(bytes);
      }
      const wanted = request.query.debug_id ?? request.query.query;
      const debugId = wanted ? parseDebugId(wanted) : null;
      if (wanted && !debugId) throw badInput('debug_id must be a debug id', 'debug_id');
      return (await listDebugFiles(app.db, project.id, { debugId })).map(presentDebugFile);
    });

    native.delete<{ Params: ProjectParams; Querystring: { id?: string } }>('/api/0/projects/:org/:project/files/dsyms/', async (request, reply) => {
      const project = await projectOf(app, request, true);
      const file = await debugFileOfProject(app.db, project.id, parseDebugFileId(request.query.id));
      await deleteDebugFile(app, file);
      return reply.code(204).send();
    });

    native.get<{ Params: ProjectParams; Querystring: { detailed?: string } }>('/api/0/projects/:org/:project/processingissues/', async (request) => {
      const project = await projectOf(app, request, false);
      const held = await heldEventCount(app.db, project.id);
      return presentProcessingIssues(project.slug, await listProcessingIssues(app.db, project.id), held, request.query.detailed === '1');
    });

    native.post<{ Params: ProjectParams }>('/api/0/projects/:org/:project/reprocessing/', async (request) => {
      const project = await projectOf(app, request, true);
      await startReprocessing(app, project.id);
      return {};
    });

    native.post<{ Params: { org: string; sdk: string } }>('/api/0/organizations/:org/system-symbols/:sdk/', async (request, reply) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, ['org:admin']);
      const sdk = sdkIdOrThrow(request.params.sdk);
      const loaded = [];
      for (const file of await uploadedFiles(request)) loaded.push(...(await asBadInput(() => loadSystemSymbols(app, access.organization.id, sdk, file.name, file.bytes))));
      return reply.code(201).send(loaded.map((s) => ({ debugId: s.debugId, objectName: s.objectName, arch: s.arch })));
    });

    native.get<{ Params: { org: string } }>('/api/0/organizations/:org/system-symbols/', async (request) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, ['org:read']);
      return { sdks: await listSymbolSets(app.db, access.organization.id) };
    });

    await native.register(async (lookups) => {
      // A batch is up to MAX_LOOKUPS addresses, several MB: plain JSON.parse, without the default parser's
      // prototype-poisoning scan (it cost more than the lookups); the body is only read, never merged into anything.
      lookups.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LOOKUP_BODY_BYTES }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(badInput('The body is not valid JSON'), undefined);
        }
      });
      const lookup = async (request: FastifyRequest, reply: FastifyReply) => {
        const control = await restAccess(request);
        control.requireViewer();
        const { sdk, symbols } = parseLookupRequest(request.body);
        return reply.type('application/json; charset=utf-8').send(await lookupSystemSymbolsJson(app, await control.organizationIds(), sdk, symbols));
      };
      // (Fastify here ignores a trailing slash: `/api/0/symbols/lookup/` is the same route.)
      lookups.post('/api/0/symbols/lookup', { bodyLimit: LOOKUP_BODY_BYTES }, lookup);
    });
  });
}
