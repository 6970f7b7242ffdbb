import { createContext, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { ErrorMessage, Loading } from '../components/query-state';
import { ViewerQuery } from '../graphql/documents/session';
import type { ViewerQuery as ViewerData } from '../graphql/generated/graphql';
import { paths } from '../lib/paths';
import { useSession } from '../session';

export type Viewer = NonNullable<ViewerData['viewer']>;
const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside <RequireViewer>');
  return viewer;
}

/** Everything but the login page needs a signed-in viewer; others go to /login and come back. */
export function RequireViewer() {
  const [result, refetch] = useQuery({ query: ViewerQuery });
  const location = useLocation();
  const { signedOutAt } = useSession();
  // The server said the session ended (expired, signed out elsewhere): ask again.
  useEffect(() => {
    if (signedOutAt) refetch({ requestPolicy: 'network-only' });
  }, [signedOutAt, refetch]);
  if (result.data === undefined) {
    if (result.error) return <ErrorMessage error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
    return <Loading />;
  }
  const viewer = result.data.viewer;
  if (!viewer) return <Navigate to={paths.login(location.pathname + location.search)} replace />;
  return (
    <ViewerContext.Provider value={viewer}>
      <Outlet />
    </ViewerContext.Provider>
  );
}
