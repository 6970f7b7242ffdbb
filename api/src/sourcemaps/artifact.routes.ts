import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { badInput } from '../errors.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES, RELEASE_WRITE_SCOPES } from '../http/rest-api.js';
import { jsonObject, optionalString, optionalStringArray, requiredString } from '../http/rest-input.js';
import { requestBundleAssembly } from './artifact-bundle.service.js';
import type { ArtifactFile } from './artifact-file.entity.js';
import { deleteReleaseFile, findReleaseFile, listReleaseFiles, readReleaseFile, releaseForFiles, uploadReleaseFile } from './release-file.service.js';

const MAX_RELEASE_FILE_BYTES = 40 * 1024 * 1024;

interface FilesParams {
  org: string;
  project?: string;
  version: string;
  id?: string;
}

/** Sentry's release file JSON. */
export function presentReleaseFile(file: ArtifactFile) {
  return { id: String(file.id), name: file.url, dist: file.dist || null, headers: file.headers, size: file.size, sha1: file.checksum, dateCreated: file.dateCreated.toISOString() };
}

/**
 * `sentry-cli sourcemaps upload` (artifact bundles through the chunk-upload protocol) and the
 * legacy release files API, project- and organization-level (wire protocol §2.7–2.8).
 */
export async function registerArtifactRoutes(scope: FastifyInstance, app: Deps): Promise<void> {
  scope.post<{ Params: { org: string } }>('/api/0/organizations/:org/artifactbundle/assemble/', async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
    const body = jsonObject(request.body);
    return requestBundleAssembly(app, access, {
      checksum: requiredString(body, 'checksum'),
      chunks: optionalStringArray(body, 'chunks') ?? [],
      projects: optionalStringArray(body, 'projects') ?? [],
      version: optionalString(body, 'version') ?? null,
      dist: optionalString(body, 'dist') ?? null,
    });
  });

  for (const base of ['/api/0/projects/:org/:project/releases/:version/files/', '/api/0/organizations/:org/releases/:version/files/']) {
    scope.get<{ Params: FilesParams }>(base, async (request) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
      const release = await releaseForFiles(app, access, request.params.version, request.params.project);
      return (await listReleaseFiles(app, release)).map(presentReleaseFile);
    });

    scope.get<{ Params: FilesParams; Querystring: { download?: string } }>(`${base}:id/`, async (request, reply) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
      const release = await releaseForFiles(app, access, request.params.version, request.params.project);
      const file = await findReleaseFile(app, release, request.params.id ?? '');
      if (request.query.download !== '1') return presentReleaseFile(file);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(file.url.split('/').pop() || 'file')}"`)
        .send(await readReleaseFile(app, file));
    });

    scope.delete<{ Params: FilesParams }>(`${base}:id/`, async (request, reply) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
      const release = await releaseForFiles(app, access, request.params.version, request.params.project);
      await deleteReleaseFile(app, release, request.params.id ?? '');
      return reply.code(204).send();
    });
  }

  await scope.register(async (uploads) => {
    await uploads.register(fastifyMultipart, { limits: { fileSize: MAX_RELEASE_FILE_BYTES, files: 1, fields: 32 } });
    for (const base of ['/api/0/projects/:org/:project/releases/:version/files/', '/api/0/organizations/:org/releases/:version/files/']) {
      uploads.post<{ Params: FilesParams }>(base, { bodyLimit: MAX_RELEASE_FILE_BYTES + 1024 * 1024 }, async (request, reply) => {
        const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
        if (!request.isMultipart()) throw badInput('Send the file as multipart/form-data (file, name, dist, header)');
        let data: Buffer | null = null;
        let filename: string | undefined;
        const fields: { name?: string; dist?: string; headers: string[] } = { headers: [] };
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') throw badInput(`Unexpected file part ${JSON.stringify(part.fieldname)}: send it as file`);
            data = await part.toBuffer();
            filename = part.filename;
          } else if (typeof part.value === 'string') {
            if (part.fieldname === 'name') fields.name = part.value;
            else if (part.fieldname === 'dist') fields.dist = part.value;
            else if (part.fieldname === 'header') fields.headers.push(part.value);
          }
        }
        if (!data) throw badInput('file is required', 'file');
        const file = await uploadReleaseFile(app, access, {
          version: request.params.version,
          ...(request.params.project !== undefined ? { project: request.params.project } : {}),
          name: fields.name ?? filename ?? '',
          dist: fields.dist || null,
          headers: fields.headers,
          data,
        });
        return reply.code(201).send(presentReleaseFile(file));
      });
    }
  });
}
