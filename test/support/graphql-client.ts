import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** Talks to a running Vigil over real HTTP and WebSocket, like any outside client. */
export class GraphQLTestClient {
  constructor(
    readonly url: string,
    readonly credentials: { token?: string; cookie?: string } = {},
  ) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await this.post(query, variables);
    return (await response.json()) as GraphQLResponse<T>;
  }

  async post(query: string, variables: Record<string, unknown> = {}): Promise<Response> {
    return fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.credentials.token ? { authorization: `Bearer ${this.credentials.token}` } : {}),
        ...(this.credentials.cookie ? { cookie: this.credentials.cookie } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  }

  /** The data of a request that must succeed; throws with the errors otherwise. */
  async data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The error code of a request that must fail. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const result = await this.request(query, variables);
    if (!result.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0]?.extensions?.code;
  }

  /** Opens a graphql-ws connection authenticated like this client (token in connection_init, or cookie). */
  socket(connectionParams?: Record<string, unknown>): Client {
    // Like a browser on the dashboard: a cookie comes with the page's Origin.
    const headers = this.credentials.cookie ? { cookie: this.credentials.cookie, origin: new URL(this.url).origin } : {};
    return createClient({
      url: `${this.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      connectionParams: connectionParams ?? (this.credentials.token ? { authorization: `Bearer ${this.credentials.token}` } : {}),
      retryAttempts: 0,
      lazy: true,
    });
  }

  /** Subscribes and collects what arrives; `next()` waits for the next message. */
  subscribe<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Subscription<T> {
    const client = this.socket();
    return new Subscription<T>(client, query, variables);
  }
}

export class Subscription<T> {
  readonly received: GraphQLResponse<T>[] = [];
  private waiters: ((value: GraphQLResponse<T>) => void)[] = [];
  private readonly dispose: () => void;
  /** Resolves when the server acknowledged the connection. */
  readonly connected: Promise<void>;
  closed: { code?: number; reason?: string } | undefined;

  constructor(
    private readonly client: Client,
    query: string,
    variables: Record<string, unknown>,
  ) {
    this.connected = new Promise((resolve) => client.on('connected', () => resolve()));
    client.on('closed', (event) => {
      const { code, reason } = event as { code?: number; reason?: string };
      this.closed = { code, reason };
      this.push({ errors: [{ message: `closed ${code} ${reason}`, extensions: { code: `CLOSED_${code}` } }] });
    });
    this.dispose = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => this.push(value as GraphQLResponse<T>),
        error: (error) => {
          if (Array.isArray(error)) this.push({ errors: error as GraphQLResponse<T>['errors'] });
        },
        complete: () => undefined,
      },
    );
  }

  private push(value: GraphQLResponse<T>): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(value);
    else this.received.push(value);
  }

  next(timeoutMs = 10_000): Promise<GraphQLResponse<T>> {
    const queued = this.received.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No subscription message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  async close(): Promise<void> {
    this.dispose();
    await this.client.dispose();
  }
}
