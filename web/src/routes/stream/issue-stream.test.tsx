import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import type { IssueRowFragment } from '../../graphql/generated/graphql';
import { issue } from '../../test/fixtures';
import { SessionProvider } from '../../session';
import { mockClient } from '../../test/mock-client';
import { OrganizationProvider, type OrganizationInfo } from '../organization-layout';
import { IssueStream } from './issue-stream';

const organization: OrganizationInfo = {
  id: '1',
  slug: 'acme',
  name: 'Acme',
  viewerRole: 'OWNER',
  projects: { nodes: [{ id: '1', slug: 'web', name: 'web', platform: 'node' }] },
};

function page(nodes: IssueRowFragment[], hasNextPage = false) {
  return { organization: { id: '1', issues: { totalCount: nodes.length, totalCountIsLowerBound: false, pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null }, nodes } } };
}

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderStream(answers: Parameters<typeof mockClient>[0], url = '/organizations/acme/issues/') {
  const mock = mockClient(answers);
  render(
    <SessionProvider create={() => mock.vigil}>
      <MemoryRouter initialEntries={[url]}>
        <OrganizationProvider value={{ organization, project: null, projects: organization.projects.nodes }}>
          <Routes>
            <Route path="/organizations/acme/issues/" element={<IssueStream />} />
            <Route path="*" element={<div>elsewhere</div>} />
          </Routes>
          <Location />
        </OrganizationProvider>
      </MemoryRouter>
    </SessionProvider>,
  );
  return mock;
}

describe('IssueStream', () => {
  it('lists issues with short ID, title, culprit, counts and status', () => {
    renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2)]) }) });
    const rows = screen.getAllByRole('row').filter((row) => row.dataset.issueId);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('WEB-1')).toBeTruthy();
    expect(first.getByText('TypeError')).toBeTruthy();
    expect(first.getByText('Cannot read property 1')).toBeTruthy();
    expect(first.getByText('app/cart in addItem1')).toBeTruthy();
    expect(first.getByText('New')).toBeTruthy();
    expect(first.getByTitle('10 events').textContent).toBe('10');
    expect(screen.getByText('1–2 of 2 issues')).toBeTruthy();
  });

  it('passes the URL search, sort and filters to the query', () => {
    const mock = renderStream({ IssueStream: () => ({ data: page([]) }) }, '/organizations/acme/issues/?query=is%3Aresolved&sort=freq&environment=production&statsPeriod=24h');
    expect(mock.calls('executeQuery', 'IssueStream')[0]?.variables).toMatchObject({
      org: 'acme',
      query: 'is:resolved',
      sort: 'FREQUENCY',
      environment: 'production',
      statsPeriod: '24h',
      after: null,
    });
    expect(screen.getByText('No issues match your search')).toBeTruthy();
  });

  it('resolves the selected issues in bulk', async () => {
    const user = userEvent.setup();
    const mock = renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2), issue(3)]) }), BulkUpdateIssues: () => ({ data: { bulkUpdateIssues: 2 } }) });
    await user.click(screen.getByLabelText('Select WEB-1'));
    await user.click(screen.getByLabelText('Select WEB-3'));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(mock.calls('executeMutation', 'BulkUpdateIssues')[0]?.variables).toEqual({ org: 'acme', ids: ['1', '3'], input: { status: 'RESOLVED' } });
  });

  it('clears the selection of the issues it changed and offers undo', async () => {
    const user = userEvent.setup();
    const mock = renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2), issue(3)]) }), BulkUpdateIssues: () => ({ data: { bulkUpdateIssues: 2 } }) });
    await user.click(screen.getByLabelText('Select WEB-1'));
    await user.click(screen.getByLabelText('Select WEB-3'));
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Resolved 2 issues.')).toBeTruthy();
    expect(screen.queryByText('2 selected')).toBeNull();
    expect((screen.getByLabelText('Select WEB-1') as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(mock.calls('executeMutation', 'BulkUpdateIssues')[1]?.variables).toEqual({ org: 'acme', ids: ['1', '3'], input: { status: 'UNRESOLVED' } });
  });

  it('keeps the shortcuts working after a checkbox was clicked', async () => {
    const user = userEvent.setup();
    renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2)]) }) });
    await user.click(screen.getByLabelText('Select WEB-1'));
    await user.keyboard('j');
    const rows = screen.getAllByRole('row').filter((row) => row.dataset.issueId);
    expect(rows[0]!.className).toContain('cursor');
  });

  it('moves with j/k and resolves the issue under the cursor with r', async () => {
    const user = userEvent.setup();
    const mock = renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2)]) }), UpdateIssue: () => ({ data: undefined }) });
    await user.keyboard('jjk');
    const rows = screen.getAllByRole('row').filter((row) => row.dataset.issueId);
    expect(rows[0]!.className).toContain('cursor');
    await user.keyboard('r');
    expect(mock.calls('executeMutation', 'UpdateIssue')[0]?.variables).toEqual({ id: '1', input: { status: 'RESOLVED' } });
  });

  it('opens the issue under the cursor with o, keeping the search', async () => {
    const user = userEvent.setup();
    renderStream({ IssueStream: () => ({ data: page([issue(1), issue(2)]) }) }, '/organizations/acme/issues/?query=TypeError');
    await user.keyboard('jjo');
    expect(screen.getByTestId('location').textContent).toBe('/organizations/acme/issues/WEB-2/?query=TypeError');
  });

  it('opens the assignee menu with a', async () => {
    const user = userEvent.setup();
    renderStream({ IssueStream: () => ({ data: page([issue(1)]) }), AssigneeOptions: () => ({ data: { viewer: { id: '9' }, organization: { id: '1', members: { nodes: [] }, teams: { nodes: [] } } } }) });
    await user.keyboard('ja');
    expect(screen.getByRole('menuitem', { name: 'Assign to me' })).toBeTruthy();
  });

  it('shows the server parse error in the search bar', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Unknown value "open" for is: at column 4', extensions: { code: 'BAD_USER_INPUT', field: 'query', position: 3 } }],
    });
    renderStream({ IssueStream: () => ({ error }) }, '/organizations/acme/issues/?query=is%3Aresolved%20tags%5Bx%5D%3Ay');
    expect(screen.getByRole('alert').textContent).toContain('Unknown value "open" for is: at column 4');
    expect(screen.getByText('Fix the search to see issues.')).toBeTruthy();
  });

  it('refetches the first page when a new issue arrives', async () => {
    const mock = renderStream({ IssueStream: () => ({ data: page([issue(1)]) }), IssueCreated: () => undefined });
    const before = mock.calls('executeQuery', 'IssueStream').length;
    await act(async () => {
      mock.emit('IssueCreated', { projectId: '1' }, { issueCreated: issue(2) });
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const after = mock.calls('executeQuery', 'IssueStream');
    expect(after.length).toBeGreaterThan(before);
    expect(after.at(-1)?.context.requestPolicy).toBe('network-only');
  });

  it('opens the issue a short id names instead of searching for it', async () => {
    const mock = renderStream({ IssueStream: () => ({ data: page([]) }), JumpToIssue: ({ query }) => ({ data: { organization: { id: '1', issueJump: query === 'WEB-3' ? { id: '3', shortId: 'WEB-3' } : null } } }) });
    const input = screen.getByLabelText('Search issues');
    fireEvent.change(input, { target: { value: 'WEB-3' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/organizations/acme/issues/WEB-3/'));
    expect(mock.calls('executeQuery', 'JumpToIssue')[0]?.variables).toEqual({ org: 'acme', query: 'WEB-3' });
  });

  it('searches when Enter is pressed in the search bar', () => {
    renderStream({ IssueStream: () => ({ data: page([]) }) });
    const input = screen.getByLabelText('Search issues');
    fireEvent.change(input, { target: { value: 'is:resolved checkout' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('location').textContent).toBe('/organizations/acme/issues/?query=is%3Aresolved+checkout');
  });
});
