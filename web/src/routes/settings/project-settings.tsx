import { NavLink, Route, Routes, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { ProjectSettingsQuery } from '../../graphql/documents/project-settings';
import type { ProjectSettingsQuery as ProjectSettingsData } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { NotFound } from '../not-found';
import { isAdmin, useOrganization } from '../organization-layout';
import { DataScrubbingForm } from './project-scrubbing';
import { HerokuSettings } from './project-heroku';
import { InboundFiltersForm } from './project-filters';
import { ParkedEnvelopes } from './project-parked';
import { ProjectDebugFiles } from './project-debug-files';
import { ProjectGeneral } from './project-general';
import { ProjectKeys } from './project-keys';
import { AlertRules } from './project-alerts';
import { ServiceHooks } from './project-hooks';

export type ProjectSettingsProject = NonNullable<ProjectSettingsData['organization']['project']>;

const TABS = [
  { path: '', label: 'General' },
  { path: 'keys', label: 'Client keys (DSN)' },
  { path: 'filters', label: 'Inbound filters' },
  { path: 'security', label: 'Data scrubbing' },
  { path: 'heroku', label: 'Heroku' },
  { path: 'parked', label: 'Parked envelopes' },
  { path: 'alerts', label: 'Alert rules' },
  { path: 'hooks', label: 'Service hooks' },
  { path: 'debug-files', label: 'Debug files' },
];

/** A project's settings, one tab per URL. */
export function ProjectSettings() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const { project: slug = '' } = useParams();
  const [result] = useQuery({ query: ProjectSettingsQuery, variables: { org, project: slug } });
  const admin = isAdmin(organization.viewerRole);
  return (
    <QueryResult result={result}>
      {(data) => {
        const project = data.organization.project;
        if (!project) return <ErrorMessage error={`Project ${slug} not found`} />;
        return (
          <>
            <h1>{project.name}</h1>
            <nav className="tabs" aria-label="Project settings">
              {TABS.map((tab) => (
                <NavLink key={tab.path} to={paths.settings.project(org, project.slug, tab.path)} end>
                  {tab.label}
                </NavLink>
              ))}
            </nav>
            {!admin && <div className="message warning">Only owners and admins can change project settings.</div>}
            <Routes>
              <Route index element={<ProjectGeneral project={project} editable={admin} />} />
              <Route path="keys" element={<ProjectKeys project={project} editable={admin} />} />
              <Route path="filters" element={<InboundFiltersForm project={project} editable={admin} />} />
              <Route path="security" element={<DataScrubbingForm project={project} editable={admin} />} />
              <Route path="heroku" element={<HerokuSettings project={project} editable={admin} />} />
              <Route path="parked" element={<ParkedEnvelopes project={project} editable={admin} />} />
              <Route path="alerts" element={<AlertRules project={project} editable={admin} />} />
              <Route path="hooks" element={<ServiceHooks project={project} editable={admin} />} />
              <Route path="debug-files" element={<ProjectDebugFiles project={project} editable={admin} />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </>
        );
      }}
    </QueryResult>
  );
}
