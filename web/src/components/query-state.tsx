import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '../graphql/client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorMessage({ error, retry }: { error: CombinedError | Error | string; retry?: () => void }) {
  const text = typeof error === 'string' ? error : errorMessage(error);
  return (
    <div className="message error" role="alert">
      {text}
      {retry && (
        <>
          {' '}
          <button type="button" className="link" onClick={retry}>
            Try again
          </button>
        </>
      )}
    </div>
  );
}

interface ResultLike<T> {
  data?: T | undefined;
  fetching: boolean;
  stale?: boolean;
  error?: CombinedError | undefined;
}

/**
 * Loading until there is data, the error when there is none, otherwise the children, with a
 * thin progress line while a refresh is in flight (the content never jumps).
 */
export function QueryResult<T>({
  result,
  retry,
  children,
  loadingLabel,
}: {
  result: ResultLike<T>;
  retry?: () => void;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  // A failed query answers data: null, not undefined.
  if (result.data === undefined || result.data === null) {
    if (result.error) return <ErrorMessage error={result.error} {...(retry ? { retry } : {})} />;
    return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  }
  return (
    <div className={result.fetching || result.stale ? 'refreshing' : undefined}>
      {result.error && <ErrorMessage error={result.error} {...(retry ? { retry } : {})} />}
      {children(result.data as T)}
    </div>
  );
}
