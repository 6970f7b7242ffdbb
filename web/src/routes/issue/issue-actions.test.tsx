import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Provider } from 'urql';
import type { IssueDetailsFragment } from '../../graphql/generated/graphql';
import { mockClient } from '../../test/mock-client';
import { issue } from '../../test/fixtures';
import { describeActivity } from './activity-feed';
import { IssueActions } from './issue-actions';

const details = (overrides: Partial<IssueDetailsFragment> = {}): IssueDetailsFragment => ({
  ...issue(7),
  platform: 'node',
  isSubscribed: false,
  ignoreUntil: null,
  ignoreUntilTimesSeen: null,
  resolution: null,
  resolvedAt: null,
  resolvedInRelease: null,
  firstRelease: null,
  lastRelease: null,
  project: { id: '1', slug: 'web', name: 'Web' },
  ...overrides,
});

function renderActions(subject: IssueDetailsFragment, writable = true) {
  const mock = mockClient({ UpdateIssue: () => ({ data: undefined }) });
  render(
    <Provider value={mock.client}>
      <IssueActions issue={subject} org="acme" writable={writable} />
    </Provider>,
  );
  return mock;
}

describe('IssueActions', () => {
  it('resolves, and resolves in the next release', async () => {
    const user = userEvent.setup();
    const mock = renderActions(details());
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await user.click(screen.getByTitle('More ways to resolve'));
    await user.click(screen.getByRole('menuitem', { name: 'Resolve in the next release' }));
    expect(mock.calls('executeMutation', 'UpdateIssue').map((c) => c.variables)).toEqual([
      { id: '7', input: { status: 'RESOLVED' } },
      { id: '7', input: { status: 'RESOLVED_IN_NEXT_RELEASE' } },
    ]);
  });

  it('ignores for a while or until more events', async () => {
    const user = userEvent.setup();
    const mock = renderActions(details());
    await user.click(screen.getByRole('button', { name: 'Ignore ▾' }));
    await user.click(screen.getByRole('menuitem', { name: 'For 2 hours' }));
    await user.click(screen.getByRole('button', { name: 'Ignore ▾' }));
    await user.click(screen.getByRole('menuitem', { name: 'Until 100 more events' }));
    expect(mock.calls('executeMutation', 'UpdateIssue').map((c) => c.variables.input)).toEqual([
      { status: 'IGNORED', ignore: { forMinutes: 120 } },
      { status: 'IGNORED', ignore: { untilCount: 100 } },
    ]);
  });

  it('offers to reopen resolved and ignored issues, and toggles the bookmark', async () => {
    const user = userEvent.setup();
    const mock = renderActions(details({ status: 'RESOLVED', isBookmarked: true }));
    await user.click(screen.getByRole('button', { name: '✓ Resolved — unresolve' }));
    await user.click(screen.getByRole('button', { name: '★ Bookmarked' }));
    expect(mock.calls('executeMutation', 'UpdateIssue').map((c) => c.variables.input)).toEqual([{ status: 'UNRESOLVED' }, { isBookmarked: false }]);
  });

  it('disables triage for read-only members', () => {
    renderActions(details(), false);
    expect((screen.getByRole('button', { name: 'Resolve' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('describeActivity', () => {
  it.each([
    ['SET_RESOLVED_IN_NEXT_RELEASE', { version: 'web@1.2' }, 'resolved the issue in the next release (after web@1.2)'],
    ['SET_IGNORED', { ignoreDuration: 120 }, 'ignored the issue for 2 hours'],
    ['SET_IGNORED', { ignoreCount: 100 }, 'ignored the issue until 100 more events'],
    ['ASSIGNED', { assigneeType: 'team', teamSlug: 'backend' }, 'assigned the issue to #backend'],
    ['ASSIGNED', { assigneeType: 'user', assigneeEmail: 'jo@example.com' }, 'assigned the issue to jo@example.com'],
    ['SET_REGRESSION', { version: 'web@2' }, 'marked the issue as a regression in web@2'],
    ['SET_RESOLVED_IN_COMMIT', { commit: 'abcdef1234567', repository: 'acme/web' }, 'linked commit abcdef1 in acme/web, which resolves it when released'],
  ] as const)('%s %j', (type, data, text) => expect(describeActivity(type, data)).toBe(text));
});
