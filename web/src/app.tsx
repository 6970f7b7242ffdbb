import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AcceptInvitePage } from './routes/accept-invite';
import { RequireViewer } from './routes/require-viewer';
import { GettingStarted } from './routes/getting-started';
import { Home } from './routes/home';
import { IssuePage } from './routes/issue/issue-page';
import { IssueStream } from './routes/stream/issue-stream';
import { LoginPage } from './routes/login';
import { NewProject } from './routes/new-project';
import { NotFound } from './routes/not-found';
import { OrganizationLayout } from './routes/organization-layout';
import { ReleaseList } from './routes/releases/release-list';
import { ReleasePage } from './routes/releases/release-page/release-page';
import { SettingsRoutes } from './routes/settings/settings-routes';
import { SlackLinkPage } from './routes/slack-link';
import { SessionProvider } from './session';
import { MentionsPage } from './routes/mentions';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/accept-invite/:inviteId/:token" element={<AcceptInvitePage />} />
      <Route element={<RequireViewer />}>
        <Route path="/" element={<Home />} />
        <Route path="/slack/link" element={<SlackLinkPage />} />
        <Route path="/organizations/:org" element={<OrganizationLayout />}>
          <Route index element={<Navigate to="issues/" replace />} />
          <Route path="issues" element={<IssueStream />} />
          <Route path="issues/:shortId" element={<IssuePage />} />
          <Route path="issues/:shortId/events/:eventId" element={<IssuePage />} />
          <Route path="mentions" element={<MentionsPage />} />
          <Route path="releases" element={<ReleaseList />} />
          <Route path="releases/:version" element={<ReleasePage />} />
          <Route path="projects/new" element={<NewProject />} />
          <Route path="projects/:project/getting-started" element={<GettingStarted />} />
          <Route path="settings/*" element={<SettingsRoutes />} />
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </SessionProvider>
  );
}
