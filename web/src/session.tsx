import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createVigilClient, type LiveStatus, type LiveStatusStore, type VigilClient } from './graphql/client';

interface Session {
  /** Throws away the cache and the WebSocket and starts a new client (after sign-in or sign-out). */
  restart(): void;
  /** Bumped whenever the server says the session is gone. */
  signedOutAt: number;
  live: LiveStatusStore;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/**
 * Owns the GraphQL client of one signed-in (or signed-out) session: made in an effect and
 * disposed in its cleanup, so each generation has exactly one live WebSocket.
 */
export function SessionProvider({ children, create = createVigilClient }: { children: ReactNode; create?: typeof createVigilClient }) {
  const [generation, setGeneration] = useState(0);
  const [signedOutAt, setSignedOutAt] = useState(0);
  const [vigil, setVigil] = useState<VigilClient | null>(null);
  useEffect(() => {
    const next = create({ onUnauthenticated: () => setSignedOutAt(Date.now()) });
    setVigil(next);
    return () => next.dispose();
  }, [generation, create]);
  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  const session = useMemo(() => (vigil ? { restart, signedOutAt, live: vigil.live } : null), [restart, signedOutAt, vigil]);
  if (!vigil || !session) return null;
  return (
    <SessionContext.Provider value={session}>
      <Provider value={vigil.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

/** The subscription socket's state: connecting, live or offline (reconnecting). */
export function useLiveStatus(): LiveStatus {
  const { live } = useSession();
  return useSyncExternalStore(live.subscribe, live.get, live.get);
}
