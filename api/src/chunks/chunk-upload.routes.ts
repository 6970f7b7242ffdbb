import { gunzipSync } from 'node:zlib';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../runtime/deps.js';
import { badInput } from '../errors.js';
import { orgAccessWithAnyScope, RELEASE_READ_SCOPES, RELEASE_WRITE_SCOPES } from '../http/rest-api.js';
import { CHUNK_ACCEPT, CHUNK_LIMITS } from './chunk-limits.js';
import { storeChunks, type UploadedChunk } from './chunk.service.js';

interface Params {
  org: string;
}

/** Gzip of a full chunk may come out slightly larger than the chunk (incompressible data). */
const MAX_PART_BYTES = CHUNK_LIMITS.chunkSize + 64 * 1024;

/**
 * sentry-cli's chunk-upload protocol (wire protocol §2.7): the options it splits files by, and the
 * chunk POST (multipart, one `file_gzip` or `file` part per chunk, named by its SHA-1).
 */
export async function registerChunkUploadRoutes(scope: FastifyInstance, app: Deps): Promise<void> {
  const path = '/api/0/organizations/:org/chunk-upload/';

  scope.get<{ Params: Params }>(path, async (request) => {
    const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_READ_SCOPES);
    return {
      url: `${app.config.publicUrl}/api/0/organizations/${encodeURIComponent(access.organization.slug)}/chunk-upload/`,
      chunkSize: CHUNK_LIMITS.chunkSize,
      chunksPerRequest: CHUNK_LIMITS.chunksPerRequest,
      maxFileSize: CHUNK_LIMITS.maxFileSize,
      maxRequestSize: CHUNK_LIMITS.maxRequestSize,
      concurrency: CHUNK_LIMITS.concurrency,
      hashAlgorithm: 'sha1',
      compression: ['gzip'],
      accept: CHUNK_ACCEPT,
      maxWait: CHUNK_LIMITS.maxWait,
    };
  });

  await scope.register(async (uploads) => {
    await uploads.register(fastifyMultipart, {
      limits: { fileSize: MAX_PART_BYTES, files: CHUNK_LIMITS.chunksPerRequest, fields: 16, parts: CHUNK_LIMITS.chunksPerRequest + 16 },
    });
    uploads.post<{ Params: Params }>(path, { bodyLimit: CHUNK_LIMITS.maxRequestSize }, async (request, reply) => {
      const access = await orgAccessWithAnyScope(app, request, request.params.org, RELEASE_WRITE_SCOPES);
      if (!request.isMultipart()) throw badInput('Send the chunks as multipart/form-data');
      const chunks: UploadedChunk[] = [];
      let bytes = 0;
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const body = await part.toBuffer();
        bytes += body.length;
        if (bytes > CHUNK_LIMITS.maxRequestSize) throw badInput(`The request is larger than maxRequestSize (${CHUNK_LIMITS.maxRequestSize} bytes)`);
        if (part.fieldname !== 'file' && part.fieldname !== 'file_gzip') throw badInput(`Unexpected part ${JSON.stringify(part.fieldname)}: send file or file_gzip`);
        chunks.push({ checksum: part.filename, data: part.fieldname === 'file_gzip' ? gunzipChunk(body, part.filename) : body });
      }
      await storeChunks(app, access.organization.id, chunks);
      return reply.code(200).send({});
    });
  });
}

function gunzipChunk(body: Buffer, name: string): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: CHUNK_LIMITS.chunkSize });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw badInput(tooLarge ? `Chunk ${name} is larger than chunkSize (${CHUNK_LIMITS.chunkSize} bytes)` : `Chunk ${name} is not valid gzip`);
  }
}
