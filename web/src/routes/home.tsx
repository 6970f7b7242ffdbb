import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { ErrorMessage, Loading } from '../components/query-state';
import { HasIssuesQuery, OrganizationQuery } from '../graphql/documents/organization';
import { paths } from '../lib/paths';
import { lastOrganization, lastProject } from '../lib/preferences';
import { useViewer } from './require-viewer';

/**
 * `/`: your last organization's issues, or the first-run page while nothing has arrived yet, or
 * "create a project" for an organization without one.
 */
export function Home() {
  const viewer = useViewer();
  const organizations = viewer.organizations.nodes;
  const remembered = lastOrganization();
  const org = organizations.find((o) => o.slug === remembered) ?? organizations[0];
  if (!org) {
    return (
      <div className="empty">
        <h3>You are not a member of any organization</h3>
        <p>
          Ask an owner to add you, or run <code>npx vigil bootstrap</code>.
        </p>
      </div>
    );
  }
  return <OrganizationHome org={org.slug} />;
}

function OrganizationHome({ org }: { org: string }) {
  const [projects] = useQuery({ query: OrganizationQuery, variables: { org } });
  const [issues] = useQuery({ query: HasIssuesQuery, variables: { org }, requestPolicy: 'network-only' });
  const error = projects.error ?? issues.error;
  if (error) return <ErrorMessage error={error} />;
  if (!projects.data || !issues.data) return <Loading />;
  const list = projects.data.organization.projects.nodes;
  if (list.length === 0) return <Navigate to={paths.newProject(org)} replace />;
  if (issues.data.organization.issues.totalCount === 0) {
    const project = list.find((p) => p.slug === lastProject(org)) ?? list[0]!;
    return <Navigate to={paths.gettingStarted(org, project.slug)} replace />;
  }
  const project = lastProject(org);
  return <Navigate to={paths.stream(org, project && list.some((p) => p.slug === project) ? `project=${encodeURIComponent(project)}` : undefined)} replace />;
}
