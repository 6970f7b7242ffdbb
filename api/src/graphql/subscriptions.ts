import type { AccessControl } from '../auth/access.js';

/**
 * Narrows a topic stream to what one subscriber may see: `matches` picks the subscriber's
 * events, and before each delivery their credentials and `stillAllowed` (membership) are checked
 * again, so a revoked token or someone removed from an organization stops receiving at once.
 */
export function authorizedStream<T>(
  source: AsyncIterableIterator<T>,
  matches: (event: T) => boolean,
  stillAllowed: () => Promise<unknown>,
  access: AccessControl,
): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || !matches(result.value)) {
          if (result.done) return result;
          continue;
        }
        access.invalidate();
        try {
          await access.assertStillAuthenticated();
          await stillAllowed();
        } catch (error) {
          await source.return?.();
          throw error;
        }
        return result;
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Replaces each event by what it names, loaded when it is delivered; events whose subject is gone
 * by then (e.g. a deleted issue) are skipped.
 */
export function loadEach<T, U>(source: AsyncIterableIterator<T>, load: (event: T) => Promise<U | null | undefined>): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return { done: true, value: undefined };
        let loaded: U | null | undefined;
        try {
          loaded = await load(result.value);
        } catch (error) {
          await source.return?.();
          throw error;
        }
        if (loaded != null) return { done: false, value: loaded };
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
