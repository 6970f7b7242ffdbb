import type { FastifyReply } from 'fastify';
import { AccessControl } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { App } from '../app.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Per-operation state of a GraphQL request or subscription. */
export interface GraphQLContext {
  app: App;
  viewer: Viewer | null;
  access: AccessControl;
  loaders: Loaders;
  /** Present on HTTP requests, so sign-in can set the session cookie. */
  reply?: FastifyReply;
}

export function createContext(app: App, viewer: Viewer | null, reply?: FastifyReply): GraphQLContext {
  return {
    app,
    viewer,
    access: new AccessControl(app.db, viewer),
    loaders: createLoaders(app.db),
    ...(reply ? { reply } : {}),
  };
}
