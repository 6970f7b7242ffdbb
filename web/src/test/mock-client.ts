import { createRequest, getOperationName, type Client, type Operation, type OperationResult } from 'urql';
import { concat, fromValue, makeSubject, never, pipe, take, toPromise, type Subject } from 'wonka';
import { vi } from 'vitest';
import type { VigilClient } from '../graphql/client';

type Answer = { data?: unknown; error?: OperationResult['error'] } | undefined;

/**
 * A urql client that answers operations by name from `answers`, records every operation, and
 * lets a test push subscription events.
 */
export function mockClient(answers: Record<string, (variables: Record<string, unknown>) => Answer>) {
  const subscriptions = new Map<string, { subject: Subject<OperationResult>; operation: Operation }>();
  const answer = (operation: Operation) => {
    const name = getOperationName(operation.query) ?? '';
    const handler = answers[name];
    const result = handler?.(operation.variables as Record<string, unknown>);
    // Like urql's own sources, a query's stays open (a completed one would clear its error).
    return concat([fromValue({ operation, data: result?.data, error: result?.error, stale: false, hasNext: false } as OperationResult), never]);
  };
  const client = {
    executeQuery: vi.fn(answer),
    executeMutation: vi.fn(answer),
    executeSubscription: vi.fn((operation: Operation) => {
      const name = getOperationName(operation.query) ?? '';
      if (!answers[name]) return never;
      const subject = makeSubject<OperationResult>();
      subscriptions.set(`${name}:${JSON.stringify(operation.variables)}`, { subject, operation });
      return subject.source;
    }),
  } as unknown as Client & { executeQuery: ReturnType<typeof vi.fn>; executeMutation: ReturnType<typeof vi.fn> };
  // client.query(…).toPromise(), as urql's own: the first result of executeQuery.
  Object.assign(client, {
    query: (query: Parameters<typeof createRequest>[0], variables: Record<string, unknown>, context?: Partial<Operation['context']>) => ({
      toPromise: () => pipe(client.executeQuery({ ...createRequest(query, variables), kind: 'query', context: { ...context } } as unknown as Operation), take(1), toPromise),
    }),
  });
  /** The operations of one name that ran: their variables and the context they ran with. */
  const calls = (kind: 'executeQuery' | 'executeMutation', name: string) =>
    (client[kind].mock.calls as [Operation, Partial<Operation['context']> | undefined][])
      .filter(([op]) => getOperationName(op.query) === name)
      .map(([op, context]) => ({ variables: op.variables as Record<string, unknown>, context: { ...op.context, ...context } }));
  const emit = (name: string, variables: Record<string, unknown>, data: unknown) => {
    const entry = subscriptions.get(`${name}:${JSON.stringify(variables)}`);
    if (!entry) throw new Error(`no subscription ${name} ${JSON.stringify(variables)}`);
    entry.subject.next({ operation: entry.operation, data, stale: false, hasNext: true } as OperationResult);
  };
  const vigil: VigilClient = { client, live: { get: () => 'live', subscribe: () => () => undefined }, dispose: () => undefined };
  return { client, vigil, calls, emit };
}
