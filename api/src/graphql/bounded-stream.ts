/**
 * Reads `source` as fast as it produces and hands results on as fast as the consumer takes
 * them. A consumer that falls more than `limit` results behind (a WebSocket client that stops
 * reading: every send waits for its socket) does not make the queue grow: the source is
 * closed, `onOverflow` runs, and the stream ends.
 */
export function boundedStream<T>(source: AsyncIterator<T>, limit: number, onOverflow: () => void): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  let failure: { error: unknown } | undefined;
  let ended = false;
  let pumping = false;

  const settle = (result: IteratorResult<T> | { error: unknown }) => {
    const current = waiter;
    waiter = undefined;
    if (!current) return false;
    if ('error' in result) current.reject(result.error);
    else current.resolve(result);
    return true;
  };
  const finish = async () => {
    ended = true;
    queue.length = 0;
    settle({ done: true, value: undefined });
    await source.return?.();
  };

  async function pump(): Promise<void> {
    try {
      while (!ended) {
        const result = await source.next();
        if (ended) return;
        if (result.done) {
          ended = true;
          settle(result);
          return;
        }
        if (settle(result)) continue;
        queue.push(result.value);
        if (queue.length > limit) {
          await finish();
          onOverflow();
        }
      }
    } catch (error) {
      ended = true;
      failure = { error };
      if (settle(failure)) failure = undefined;
    }
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queue.length > 0) return Promise.resolve({ done: false, value: queue.shift()! });
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve({ done: true, value: undefined });
      if (!pumping) {
        pumping = true;
        void pump();
      }
      return new Promise((resolve, reject) => (waiter = { resolve, reject }));
    },
    async return() {
      if (!ended) await finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
