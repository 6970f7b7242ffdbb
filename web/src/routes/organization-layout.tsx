import { createContext, useContext, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { PipelineBanner } from '../components/pipeline-banner';
import { ErrorMessage, Loading } from '../components/query-state';
import { OrganizationQuery, ProjectChangedSubscription } from '../graphql/documents/organization';
import { LogoutMutation } from '../graphql/documents/session';
import type { OrganizationQuery as OrganizationData } from '../graphql/generated/graphql';
import { paths } from '../lib/paths';
import { lastProject, rememberOrganization, rememberProject } from '../lib/preferences';
import { setTheme, storedTheme, type Theme } from '../lib/theme';
import { useSession } from '../session';
import { Logo } from './login';
import { useViewer } from './require-viewer';

export type OrganizationInfo = OrganizationData['organization'];
export type ProjectInfo = OrganizationInfo['projects']['nodes'][number];

interface OrganizationContextValue {
  organization: OrganizationInfo;
  /** The project chosen in the switcher (`?project=`), or null for all projects. */
  project: ProjectInfo | null;
  projects: ProjectInfo[];
}

const OrganizationContext = createContext<OrganizationContextValue | null>(null);

/** For tests and previews: provides what <OrganizationLayout> would. */
export const OrganizationProvider = OrganizationContext.Provider;

export function useOrganization(): OrganizationContextValue {
  const value = useContext(OrganizationContext);
  if (!value) throw new Error('useOrganization outside <OrganizationLayout>');
  return value;
}

export function canWrite(role: string): boolean {
  return role !== 'READONLY';
}

export function isAdmin(role: string): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** The frame of every organization page: sidebar with switchers and navigation, then the page. */
export function OrganizationLayout() {
  const { org = '' } = useParams();
  const [result, refetch] = useQuery({ query: OrganizationQuery, variables: { org } });
  const [search] = useSearchParams();
  // Projects created, renamed or deleted elsewhere show up in the switcher at once.
  useSubscription({ query: ProjectChangedSubscription, variables: { org } }, () => {
    refetch({ requestPolicy: 'network-only' });
    return null;
  });
  useEffect(() => {
    if (result.data) rememberOrganization(org);
  }, [org, result.data]);

  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // The drawer closes once a link in it has been followed.
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);

  if (!result.data) {
    const missing = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
    return (
      <div className="app">
        <aside className="sidebar" />
        <main className="main">
          {missing ? (
            <div className="empty">
              <h1>No organization “{org}”</h1>
              <p>It does not exist, or you are not a member of it.</p>
              <Link to="/">Go to your organizations</Link>
            </div>
          ) : result.error ? (
            <ErrorMessage error={result.error} />
          ) : (
            <Loading />
          )}
        </main>
      </div>
    );
  }
  const organization = result.data.organization;
  const projects = organization.projects.nodes;
  const project = projects.find((p) => p.slug === search.get('project')) ?? null;
  // On an issue page the switcher shows the issue's project (its short id starts with the slug).
  const shortId = /\/issues\/([^/]+)/.exec(location.pathname)?.[1]?.toLowerCase();
  const shown = project ?? (shortId ? (projects.find((p) => shortId.startsWith(`${p.slug}-`)) ?? null) : null);
  return (
    <OrganizationContext.Provider value={{ organization, project, projects }}>
      <div className="app">
        <div className="mobile-bar">
          <button type="button" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen)}>
            ☰ Menu
          </button>
          <span>{organization.name}</span>
        </div>
        <Sidebar organization={organization} project={shown} open={menuOpen} />
        <main className="main">
          <PipelineBanner org={organization.slug} />
          <Outlet />
        </main>
      </div>
    </OrganizationContext.Provider>
  );
}

function Sidebar({ organization, project, open }: { organization: OrganizationInfo; project: ProjectInfo | null; open: boolean }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const location = useLocation();
  const org = organization.slug;
  const projectSlug = project?.slug ?? null;
  const withProject = (path: string) => (projectSlug ? `${path}?project=${encodeURIComponent(projectSlug)}` : path);
  const settingsProject = projectSlug ?? lastProject(org) ?? organization.projects.nodes[0]?.slug;

  const switchProject = (slug: string) => {
    rememberProject(org, slug || null);
    // Pages that list things keep the page and change the filter; others go to the stream.
    const onList = /\/(issues|releases)\/?$/.test(location.pathname);
    const params = new URLSearchParams(onList ? location.search : '');
    params.delete('cursor');
    if (slug) params.set('project', slug);
    else params.delete('project');
    navigate(onList ? `${location.pathname}?${params}` : paths.stream(org, params));
  };

  return (
    <aside className={`sidebar${open ? ' open' : ''}`} id="sidebar">
      <div className="brand">
        <Logo /> Vigil
      </div>
      <div className="switcher">
        <label htmlFor="org-switcher">Organization</label>
        <select id="org-switcher" value={org} onChange={(e) => navigate(paths.stream(e.target.value))}>
          {viewer.organizations.nodes.map((o) => (
            <option key={o.id} value={o.slug}>
              {o.name}
            </option>
          ))}
        </select>
        <label htmlFor="project-switcher">Project</label>
        <select id="project-switcher" value={projectSlug ?? ''} onChange={(e) => switchProject(e.target.value)}>
          <option value="">All projects</option>
          {organization.projects.nodes.map((p) => (
            <option key={p.id} value={p.slug}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <nav aria-label="Main">
        <NavLink to={withProject(paths.stream(org))}>Issues</NavLink>
        <NavLink to={withProject(paths.releases(org))}>Releases</NavLink>
        <NavLink to={paths.mentions(org)}>Mentions</NavLink>
        {settingsProject && <NavLink to={paths.gettingStarted(org, settingsProject)}>Set up SDK</NavLink>}
        <NavLink to={settingsProject ? paths.settings.project(org, settingsProject) : paths.settings.organization(org)} className={() => (location.pathname.includes('/settings/') ? 'active' : '')}>
          Settings
        </NavLink>
      </nav>
      <div className="spacer" />
      <Account />
    </aside>
  );
}

function Account() {
  const viewer = useViewer();
  const [, logout] = useMutation(LogoutMutation);
  const { restart } = useSession();
  const navigate = useNavigate();
  const [theme, setThemeState] = useState<Theme>(storedTheme);
  return (
    <div className="account">
      <div className="truncate" title={viewer.email}>
        {viewer.name || viewer.email}
      </div>
      <select
        aria-label="Theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          setThemeState(next);
        }}
      >
        <option value="system">Theme: system</option>
        <option value="light">Theme: light</option>
        <option value="dark">Theme: dark</option>
      </select>
      <button
        type="button"
        onClick={async () => {
          await logout({});
          restart();
          navigate('/login', { replace: true });
        }}
      >
        Sign out
      </button>
    </div>
  );
}
