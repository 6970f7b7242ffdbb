import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { AccessControl } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../runtime/deps.js';
import type { RequestLoaders } from './request-loaders.js';

/** Per-operation state of a GraphQL request or subscription (made by `server/request-context.ts`). */
export interface GraphQLContext {
  app: Deps;
  viewer: Viewer | null;
  access: AccessControl;
  loaders: RequestLoaders;
  /** Sets up what later domains give a new project (its default alert rule), in its transaction; wired by the composition root. */
  setUpProject: (tx: EntityManager, projectId: number) => Promise<void>;
  /** Present on HTTP requests, so sign-in can set the session cookie. */
  reply?: FastifyReply;
}
