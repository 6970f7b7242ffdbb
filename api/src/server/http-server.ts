import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { authenticate, SESSION_COOKIE } from '../identity/authenticate.js';
import { accessControlFor, createContext } from './request-context.js';
import type { App } from './app.js';
import { fastifyTrustProxy } from '../config.js';
import { AppError, isInvalidDataError } from '../errors.js';
import { createApolloServer } from '../graphql/apollo.js';
import { buildGraphQLSchema } from './schema.js';
import { startGraphQLWebSocket } from './ws-server.js';
import { registerChunkUploadRoutes } from '../chunks/chunk-upload.routes.js';
import { registerArtifactRoutes } from '../sourcemaps/artifact.routes.js';
import { registerAttachmentRoutes } from '../events/attachment.routes.js';
import { registerEventJsonRoutes } from '../events/event-json.routes.js';
import { registerDashboardRoutes } from '../http/dashboard.routes.js';
import { registerGithubWebhookRoutes } from '../github/github-webhook.routes.js';
import { registerHerokuWebhookRoutes } from '../heroku/heroku-webhook.routes.js';
import { registerSharedIssueRoutes } from '../issues/shared-issue.routes.js';
import { createIngestDeps, registerIngestRoutes } from '../ingest/ingest.routes.js';
import { registerHealthRoutes } from '../http/health.routes.js';
import { concatMetrics, registerMetricsRoutes } from '../http/metrics.routes.js';
import { StorageMetrics } from '../storage/storage-metrics.js';
import { PipelineMetrics } from '../ingest/pipeline-metrics.js';
import { useRestErrors } from '../http/rest-api.js';
import { registerApiIndexRoute } from '../sentry-api/api-index.routes.js';
import { registerDeployRoutes } from '../sentry-api/deploy.routes.js';
import { registerReleaseRoutes } from '../sentry-api/release.routes.js';
import { registerRepositoryRoutes } from '../sentry-api/repository.routes.js';
import { registerUnsubscribeRoutes } from '../collaboration/unsubscribe.routes.js';
import { registerSlackRoutes } from '../slack/slack.routes.js';
import { registerServiceHookRoutes } from '../service-hooks/service-hook.routes.js';
import { registerNativeRoutes } from '../native/native.routes.js';

export interface HttpServer {
  fastify: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The web process: GraphQL over HTTP and WebSocket on `/graphql`, plus health checks. */
export async function startHttpServer(app: App): Promise<HttpServer> {
  const { config, log } = app;
  const schema = await buildGraphQLSchema(app.pubsub);
  const fastify = Fastify({ logger: false, trustProxy: fastifyTrustProxy(config.trustProxy), bodyLimit: 1024 * 1024, routerOptions: { ignoreTrailingSlash: true } });
  await fastify.register(fastifyCookie);
  fastify.decorate('accessOf', async (request: FastifyRequest) =>
    accessControlFor(app, await authenticate(app.db, { authorization: request.headers.authorization, sessionToken: request.cookies?.[SESSION_COOKIE] })),
  );
  // Routes without their own handler (webhooks, attachments): client errors say what was wrong,
  // anything else is logged and answered without internals.
  fastify.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = isInvalidDataError(error) ? 400 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log.error({ error: error.stack, url: request.url }, 'http.internal-error');
    void reply.code(status).send({ detail: status === 500 ? 'Internal error' : isInvalidDataError(error) ? 'A value cannot be stored' : error.message });
  });

  const wsCleanup = startGraphQLWebSocket(fastify.server, app, schema);

  const apollo = createApolloServer(schema, log, [
    fastifyApolloDrainPlugin(fastify),
    { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
  ]);
  await apollo.start();

  fastify.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request, reply) => {
        try {
          const viewer = await authenticate(app.db, {
            authorization: request.headers.authorization,
            sessionToken: request.cookies[SESSION_COOKIE],
          });
          return createContext(app, viewer, reply);
        } catch (error) {
          if (error instanceof AppError) {
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
          }
          throw error;
        }
      },
    }),
  });

  const metrics = new PipelineMetrics(app.db);
  const ingest = createIngestDeps(app, log, (n) => metrics.countAccepted(n));
  await registerIngestRoutes(fastify, ingest, log);

  registerAttachmentRoutes(fastify, app);
  registerEventJsonRoutes(fastify, app);
  registerSharedIssueRoutes(fastify, app);
  // The Sentry REST API that sentry-cli uses, in its own scope: every error is `{"detail"}`.
  await fastify.register(async (scope) => {
    useRestErrors(scope, app);
    registerApiIndexRoute(scope);
    registerRepositoryRoutes(scope, app);
    registerReleaseRoutes(scope, app);
    registerDeployRoutes(scope, app);
    registerServiceHookRoutes(scope, app);
    await registerChunkUploadRoutes(scope, app);
    await registerArtifactRoutes(scope, app);
    await registerNativeRoutes(scope, app);
  });
  await registerGithubWebhookRoutes(fastify, app);
  await registerHerokuWebhookRoutes(fastify, app);
  await registerUnsubscribeRoutes(fastify, app);
  await registerSlackRoutes(fastify, app);

  await registerDashboardRoutes(fastify);
  registerHealthRoutes(fastify, app.db);
  registerMetricsRoutes(fastify, concatMetrics(metrics, new StorageMetrics({ cache: app.storageCache })), config.metricsToken);

  await fastify.listen({ host: config.host, port: config.port });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url }, 'http.listening');
  return {
    fastify,
    url,
    async close() {
      await apollo.stop();
      await fastify.close();
      await ingest.close();
    },
  };
}
