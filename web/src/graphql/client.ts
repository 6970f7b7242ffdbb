import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from 'urql';
import { createCacheExchange } from './cache';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/** Whether the subscription socket is up, for the "Live" indicator. */
export interface LiveStatusStore {
  get(): LiveStatus;
  subscribe(listener: () => void): () => void;
}

export interface VigilClient {
  client: Client;
  live: LiveStatusStore;
  /** Closes the WebSocket (subscriptions); the client is unusable afterwards. */
  dispose(): void;
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** The error's first message without urql's "[GraphQL] " / "[Network] " prefix. */
export function errorMessage(error: CombinedError | Error | undefined): string {
  if (!error) return '';
  if ('graphQLErrors' in error) {
    if (error.graphQLErrors[0]) return error.graphQLErrors[0].message;
    if (error.networkError) return `Cannot reach Vigil (${error.networkError.message})`;
  }
  return error.message.replace(/^\[(GraphQL|Network)\] /, '');
}

/**
 * The GraphQL client: HTTP for queries and mutations (with the session cookie), graphql-ws on
 * the same `/graphql` path for subscriptions, graphcache in front of both. A new client is made
 * on sign-in and sign-out, so nothing cached or subscribed outlives a session.
 */
export function createVigilClient(options: { onUnauthenticated: () => void; baseUrl?: string }): VigilClient {
  const base = options.baseUrl ?? window.location.href;
  const httpUrl = new URL('/graphql', base);
  const wsUrl = new URL(httpUrl);
  wsUrl.protocol = httpUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = createWsClient({
    url: wsUrl.href,
    lazy: true,
    // Survive restarts of Vigil and flaky networks: keep reconnecting, subscriptions resume.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 20_000,
  });
  let status: LiveStatus = 'connecting';
  const listeners = new Set<() => void>();
  const setStatus = (next: LiveStatus) => {
    status = next;
    listeners.forEach((listener) => listener());
  };
  ws.on('connected', () => setStatus('live'));
  ws.on('closed', () => setStatus('offline'));
  ws.on('connecting', () => setStatus(status === 'live' ? 'offline' : 'connecting'));
  const live: LiveStatusStore = {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const client = new Client({
    url: httpUrl.href,
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) options.onUnauthenticated();
        },
      }),
      createCacheExchange(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, live, dispose: () => void ws.dispose() };
}
