import { NavLink, Route, Routes } from 'react-router';
import { paths } from '../../lib/paths';
import { useTitle } from '../../lib/use-title';
import { NotFound } from '../not-found';
import { isAdmin, useOrganization } from '../organization-layout';
import { AccountSecurity } from './account-security';
import { ApiTokens } from './api-tokens';
import { MailOutbox } from './mail-outbox';
import { Members } from './members';
import { Notifications } from './notifications';
import { OrganizationGeneral } from './organization-general';
import { ProjectSettings } from './project-settings';
import { Repositories } from './repositories';
import { SlackAccount } from './slack-account';
import { SlackOrganization } from './slack-organization';

/** Settings: a menu of organization, project and personal pages, each at its own URL. */
export function SettingsRoutes() {
  const { organization, projects } = useOrganization();
  const org = organization.slug;
  useTitle(`Settings · ${organization.name}`);
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings">
        <h4>Organization</h4>
        <NavLink to={paths.settings.organization(org)} end>
          General
        </NavLink>
        <NavLink to={paths.settings.members(org)}>Members</NavLink>
        <NavLink to={paths.settings.repositories(org)}>Repositories</NavLink>
        <NavLink to={paths.settings.apiTokens(org)}>API tokens</NavLink>
        <NavLink to={paths.settings.slack(org)}>Slack</NavLink>
        {isAdmin(organization.viewerRole) && <NavLink to={paths.settings.outbox(org)}>Mail outbox</NavLink>}
        <h4>Projects</h4>
        {projects.map((p) => (
          <NavLink key={p.id} to={paths.settings.project(org, p.slug)}>
            {p.name}
          </NavLink>
        ))}
        <NavLink to={paths.newProject(org)}>+ New project</NavLink>
        <h4>Personal</h4>
        <NavLink to={paths.settings.notifications(org)}>Notifications</NavLink>
        <NavLink to={paths.settings.security(org)}>Password &amp; sessions</NavLink>
        <NavLink to={paths.settings.slackAccount(org)}>Slack account</NavLink>
      </nav>
      <div className="settings-content">
        <Routes>
          <Route index element={<OrganizationGeneral />} />
          <Route path="members" element={<Members />} />
          <Route path="repositories" element={<Repositories />} />
          <Route path="api-tokens" element={<ApiTokens />} />
          <Route path="mail-outbox" element={<MailOutbox />} />
          <Route path="projects/:project/*" element={<ProjectSettings />} />
          <Route path="account/notifications" element={<Notifications />} />
          <Route path="account/security" element={<AccountSecurity />} />
          <Route path="slack" element={<SlackOrganization />} />
          <Route path="account/slack" element={<SlackAccount />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </div>
  );
}
