import type { FastifyReply } from 'fastify';
import { createDefaultAlertRule } from '../alerts/default-alert-rule.js';
import { AccessControl } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { GraphQLContext } from '../graphql/context.js';
import { RequestLoaders } from '../graphql/request-loaders.js';
import { isStillAuthenticated } from '../identity/authenticate.js';
import { membershipDirectory } from '../organizations/membership-directory.js';
import type { Deps } from '../runtime/deps.js';

/** Access control for one caller, wired to the domains that answer its questions. */
export function accessControlFor(app: Pick<Deps, 'db'>, viewer: Viewer | null): AccessControl {
  return new AccessControl(viewer, membershipDirectory(app.db), (v) => isStillAuthenticated(app.db, v));
}

export function createContext(app: Deps, viewer: Viewer | null, reply?: FastifyReply): GraphQLContext {
  return {
    app,
    viewer,
    access: accessControlFor(app, viewer),
    loaders: new RequestLoaders(app.db),
    setUpProject: createDefaultAlertRule,
    ...(reply ? { reply } : {}),
  };
}
