import type { Server } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer } from '../auth/viewer.js';
import { MAX_TOKENS, queryLimits } from '../graphql/apollo.js';
import { boundedStream } from '../graphql/bounded-stream.js';
import { formatError } from '../graphql/errors.js';
import { authenticate, SESSION_COOKIE } from '../identity/authenticate.js';
import { viewersWithEndedCredentials } from '../identity/ended-credentials.js';
import type { App } from './app.js';
import { accessControlFor, createContext } from './request-context.js';

export const WS_LIMITS = {
  /** Largest message a client may send. */
  maxPayloadBytes: 1024 * 1024,
  /** Operations (mostly subscriptions) one connection may run at once. */
  maxOperations: 50,
  /** Results a subscription may hold for a client that does not read before it is disconnected. */
  maxPendingResults: 32,
  /** How often open sockets check that their token or session still exists. */
  credentialCheckMs: 2_000,
};

/** Close codes: 4401/4403 as graphql-ws uses them; 1013 "try again later" lets a client reconnect. */
const ENDED = { code: CloseCode.Unauthorized, reason: 'Your API token was revoked or your session ended' };
const BAD_ORIGIN = { code: CloseCode.Forbidden, reason: 'Cookie-authenticated sockets must come from the Vigil origin' };
const TOO_SLOW = { code: 1013, reason: 'Too slow: the client did not read its messages' };
/** A socket that cannot even take its close frame is cut after this. */
const TERMINATE_AFTER_MS = 1_000;

type SocketExtra = { viewer?: Viewer | null };

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}

function closeSocket(socket: WebSocket, { code, reason }: { code: number; reason: string }): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref();
}

/**
 * graphql-ws on `/graphql` of `server`: authenticated once per connection (token in the
 * connection_init payload, or the session cookie from the Vigil origin), with the HTTP query
 * limits, a cap on operations and on what a slow reader may hold, and credentials re-checked
 * while the socket is open.
 */
export function startGraphQLWebSocket(server: Server, app: App, schema: GraphQLSchema, limits = WS_LIMITS): { dispose(): Promise<void> } {
  const { log } = app;
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  const open = new Map<WebSocket, Viewer>();

  const cleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const payload = ctx.connectionParams ?? {};
        const header = (payload.authorization ?? payload.Authorization) as string | undefined;
        const token = payload.token as string | undefined;
        const authorization = header ?? (token ? `Bearer ${token}` : undefined);
        const sessionToken = authorization ? undefined : fastifyCookie.parse(ctx.extra.request.headers.cookie ?? '')[SESSION_COOKIE];
        // A browser sends the cookie to any page's socket: only the dashboard's own origin may use it.
        if (sessionToken && ctx.extra.request.headers.origin !== new URL(app.config.publicUrl).origin) {
          closeSocket(ctx.extra.socket, BAD_ORIGIN);
          return false;
        }
        try {
          ctx.extra.viewer = await authenticate(app.db, { authorization, sessionToken });
        } catch {
          return false;
        }
        if (!ctx.extra.viewer) return false;
        const socket = ctx.extra.socket;
        open.set(socket, ctx.extra.viewer);
        socket.once('close', () => open.delete(socket));
        return true;
      },
      // Parse and validate here, so a bad operation fails alone (with the codes HTTP uses)
      // instead of closing the whole connection.
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already registered this operation.
        if (Object.keys(ctx.subscriptions).length > limits.maxOperations) {
          return [new GraphQLError(`Too many operations on one connection: at most ${limits.maxOperations} at once`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        const viewer = ctx.extra.viewer ?? null;
        try {
          await accessControlFor(app, viewer).assertStillAuthenticated();
        } catch (error) {
          closeSocket(ctx.extra.socket, ENDED);
          return [new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const variables = payload.variables ?? {};
        const errors = validate(schema, document, [...specifiedRules, ...queryLimits(variables).validationRules]);
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        return { schema, document, variableValues: variables, operationName: payload.operationName ?? null, contextValue: createContext(app, viewer) };
      },
      onOperation: (ctx: { extra: Extra & SocketExtra }, _id, _payload, _args, result) =>
        Symbol.asyncIterator in result
          ? (boundedStream(result[Symbol.asyncIterator](), limits.maxPendingResults, () => {
              log.warn({ userId: ctx.extra.viewer?.user.id }, 'ws.slow-subscriber-closed');
              closeSocket(ctx.extra.socket, TOO_SLOW);
            }) as AsyncGenerator<ExecutionResult>)
          : undefined,
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, log)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, log)),
    },
    wsServer,
  );

  // One pair of queries for all open sockets: a revoked token or ended session is cut off within seconds.
  let checking = false;
  const timer = setInterval(() => {
    if (checking || open.size === 0) return;
    checking = true;
    viewersWithEndedCredentials(app.db, open.values())
      .then((ended) => {
        for (const [socket, viewer] of open) if (ended.has(viewer)) closeSocket(socket, ENDED);
      })
      .catch((error: Error) => log.warn({ error: error.message }, 'ws.credential-check-failed'))
      .finally(() => (checking = false));
  }, limits.credentialCheckMs).unref();

  return {
    async dispose() {
      clearInterval(timer);
      await cleanup.dispose();
    },
  };
}
