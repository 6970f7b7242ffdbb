import DataLoader from 'dataloader';
import { byIdLoader, type LoaderFactory } from '../graphql/request-loaders.js';
import { Issue } from './issue.entity.js';
import { frequencies, type FrequencyPeriod } from './issue.service.js';

type IssueUserKey = { issueId: number; userId: number };

export const issueById = byIdLoader(Issue);

/** Which of the (issue, user) pairs have a row in `table` (matching `extra`). */
function pairLoader(table: 'issue_bookmark' | 'issue_subscription', extra = ''): LoaderFactory<IssueUserKey, boolean, string> {
  return (db) =>
    new DataLoader(
      async (keys) => {
        const rows: { issue_id: number; user_id: number }[] = await db.query(
          `SELECT issue_id, user_id FROM ${table} WHERE (issue_id, user_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))${extra}`,
          [keys.map((k) => k.issueId), keys.map((k) => k.userId)],
        );
        const found = new Set(rows.map((row) => `${row.issue_id}:${row.user_id}`));
        return keys.map((k) => found.has(`${k.issueId}:${k.userId}`));
      },
      { cacheKeyFn: (k) => `${k.issueId}:${k.userId}` },
    );
}

/** Per-person issue state (the viewer's, in practice). */
export const isBookmarked = pairLoader('issue_bookmark');
export const isSubscribed = pairLoader('issue_subscription', ' AND is_active');

export const frequencyByIssue: LoaderFactory<{ issueId: number; period: FrequencyPeriod }, { time: Date; count: number }[], string> = (db) =>
  new DataLoader((keys) => frequencies(db, keys), { cacheKeyFn: (k) => `${k.issueId}:${k.period}` });
