import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ReleasePageQuery } from '../../../graphql/generated/graphql';
import { SessionProvider } from '../../../session';
import { mockClient } from '../../../test/mock-client';
import { OrganizationProvider, type OrganizationInfo } from '../../organization-layout';
import { ReleasePage } from './release-page';

const organization: OrganizationInfo = {
  id: '1',
  slug: 'acme',
  name: 'Acme',
  viewerRole: 'OWNER',
  projects: { nodes: [{ id: '1', slug: 'web', name: 'web', platform: 'node' }] },
};

const release: NonNullable<ReleasePageQuery['organization']['release']> = {
  id: '7',
  version: 'web@1.2.0',
  shortVersion: '1.2.0',
  ref: 'v1.2.0',
  url: null,
  status: 'OPEN',
  dateCreated: '2026-11-01T10:00:00.000Z',
  dateReleased: '2026-11-01T12:00:00.000Z',
  commitCount: 2,
  projects: [{ id: '1', slug: 'web', name: 'Web' }],
  authors: [{ name: 'Jo', email: 'jo@example.com' }],
  newIssues: [{ id: '11' }],
  resolvedIssues: [],
  deploys: [
    { id: '1', environment: 'production', name: 'Deploy 3', url: 'https://ci.example.com/3', dateStarted: null, dateFinished: '2026-11-02T09:00:00.000Z' },
    { id: '2', environment: 'staging', name: null, url: null, dateStarted: '2026-11-01T13:00:00.000Z', dateFinished: '2026-11-01T13:05:00.000Z' },
  ],
  health: [
    { release: 'web@1.2.0', environment: null, sessions: 40, crashed: 1, errored: 2, abnormal: 0, crashFreeSessions: 0.975, crashFreeUsers: 0.99 },
    { release: 'web@1.2.0', environment: 'production', sessions: 60, crashed: 0, errored: 0, abnormal: 0, crashFreeSessions: 1, crashFreeUsers: 1 },
  ],
};

const author = { name: 'Jo', email: 'jo@example.com', user: null };
const answers = {
  ReleasePage: () => ({ data: { organization: { id: '1', release } } }),
  ReleaseCommits: () => ({
    data: {
      organization: {
        id: '1',
        release: {
          id: '7',
          commits: [
            { id: 'c1', sha: 'a'.repeat(40), shortSha: 'aaaaaaa', title: 'Fix the cart', message: 'Fix the cart\n\nFixes WEB-1', repository: 'acme/web', url: null, dateCreated: '2026-11-01T09:00:00.000Z', author },
          ],
          authors: [author],
        },
      },
    },
  }),
  ReleaseFiles: () => ({
    data: { organization: { id: '1', release: { id: '7', filesChanged: [{ path: 'src/cart.ts', type: 'M', commitCount: 2 }] } } },
  }),
  ReleaseIssues: () => ({
    data: {
      organization: {
        id: '1',
        release: {
          id: '7',
          newIssues: [
            { id: '11', shortId: 'WEB-1', title: 'TypeError: boom', culprit: 'cart', status: 'UNRESOLVED', substatus: 'NEW', count: 3, metadata: { type: 'TypeError', value: 'boom' } },
          ],
          resolvedIssues: [],
        },
      },
    },
  }),
};

function renderPage(url: string) {
  const mock = mockClient(answers);
  return render(
    <SessionProvider create={() => mock.vigil}>
      <MemoryRouter initialEntries={[url]}>
        <OrganizationProvider value={{ organization, project: null, projects: organization.projects.nodes }}>
          <Routes>
            <Route path="/organizations/acme/releases/:version" element={<ReleasePage />} />
          </Routes>
        </OrganizationProvider>
      </MemoryRouter>
    </SessionProvider>,
  );
}

describe('ReleasePage', () => {
  it('shows the header and the stats, then the commits tab', () => {
    renderPage('/organizations/acme/releases/web%401.2.0/');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('web@1.2.0');
    expect(screen.getByText(/· Web/)).toBeTruthy();
    expect(screen.getByText('v1.2.0').tagName).toBe('CODE');
    const stat = (label: string) => screen.getByText(label, { selector: '.stat-card .label' }).nextElementSibling?.textContent;
    expect(stat('Sessions')).toBe('100');
    expect(stat('Commits')).toBe('2');
    expect(stat('New issues')).toBe('1');
    expect(stat('Deploys')).toBe('2');
    const commits = screen.getByRole('table', { name: 'Commits' });
    expect(within(commits).getByText('Fix the cart').getAttribute('title')).toBe('Fix the cart\n\nFixes WEB-1');
    expect(within(screen.getByRole('complementary', { name: 'Authors' })).getByText('jo@example.com')).toBeTruthy();
  });

  it('switches tabs through the URL: files, issues, deploys', async () => {
    const user = userEvent.setup();
    renderPage('/organizations/acme/releases/web%401.2.0/?tab=files');
    expect(within(screen.getByRole('table', { name: 'Files changed' })).getByText('src/cart.ts')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Issues' }));
    expect(within(screen.getByRole('region', { name: 'New issues' })).getByText('WEB-1')).toBeTruthy();
    expect(screen.getByText('No issues were resolved in this release.')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Deploys' }));
    const deploys = screen.getByRole('table', { name: 'Deploys' });
    expect(within(deploys).getByRole('link', { name: 'Deploy 3' }).getAttribute('href')).toBe('https://ci.example.com/3');
    const staging = within(deploys).getAllByRole('row')[2]!;
    expect(within(staging).getAllByRole('cell').map((cell) => cell.textContent)[1]).toBe('—');
    expect(screen.getByRole('tab', { name: 'Deploys' }).getAttribute('aria-selected')).toBe('true');
  });

  it('says when the release does not exist', () => {
    const mock = mockClient({ ReleasePage: () => ({ data: { organization: { id: '1', release: null } } }) });
    render(
      <SessionProvider create={() => mock.vigil}>
        <MemoryRouter initialEntries={['/organizations/acme/releases/nope/']}>
          <OrganizationProvider value={{ organization, project: null, projects: organization.projects.nodes }}>
            <Routes>
              <Route path="/organizations/acme/releases/:version" element={<ReleasePage />} />
            </Routes>
          </OrganizationProvider>
        </MemoryRouter>
      </SessionProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Release nope not found' })).toBeTruthy();
  });
});
