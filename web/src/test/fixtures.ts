import type { IssueRowFragment } from '../graphql/generated/graphql';

const hours = Array.from({ length: 24 }, (_, i) => ({ time: new Date(Date.UTC(2026, 10, 15, i)).toISOString(), count: i === 23 ? 3 : 0 }));

/** An issue as the stream shows it; `n` makes it unique. */
export function issue(n: number, overrides: Partial<IssueRowFragment> = {}): IssueRowFragment {
  return {
    id: String(n),
    shortId: `WEB-${n}`,
    title: `TypeError: Cannot read property ${n}`,
    culprit: `app/cart in addItem${n}`,
    level: 'error',
    status: 'UNRESOLVED',
    substatus: 'NEW',
    count: 10 * n,
    userCount: n,
    firstSeen: new Date(Date.now() - 86_400_000).toISOString(),
    lastSeen: new Date().toISOString(),
    isBookmarked: false,
    inbox: null,
    metadata: { type: 'TypeError', value: `Cannot read property ${n}` },
    project: { id: '1', slug: 'web' },
    assignee: null,
    frequency: hours,
    ...overrides,
  };
}

