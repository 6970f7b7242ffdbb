import DataLoader from 'dataloader';
import type { LoaderFactory } from '../graphql/request-loaders.js';
import { SubscriptionReason } from '../issues/subscription-reason.js';
import { Mention } from './mention.entity.js';

type IssueUserKey = { issueId: number; userId: number };

/** Mentions per activity row, oldest first. */
export const mentionsByActivity: LoaderFactory<number, Mention[]> = (db) =>
  new DataLoader(async (activityIds) => {
    const rows = await db
      .getRepository(Mention)
      .createQueryBuilder('m')
      .where('m.activity_id = ANY(:ids)', { ids: [...activityIds] })
      .orderBy('m.id')
      .getMany();
    return activityIds.map((id) => rows.filter((row) => row.activityId === id));
  });

/** A person's subscription to an issue: whether it is active and why (null when there is no row). */
export const subscriptionOf: LoaderFactory<IssueUserKey, { isActive: boolean; reason: SubscriptionReason } | null, string> = (db) =>
  new DataLoader(
    async (keys) => {
      const rows: { issue_id: number; user_id: number; is_active: boolean; reason: SubscriptionReason }[] = await db.query(
        `SELECT issue_id, user_id, is_active, reason FROM issue_subscription
          WHERE (issue_id, user_id) IN (SELECT * FROM unnest($1::int[], $2::int[]))`,
        [keys.map((k) => k.issueId), keys.map((k) => k.userId)],
      );
      const found = new Map(rows.map((row) => [`${row.issue_id}:${row.user_id}`, { isActive: row.is_active, reason: row.reason }]));
      return keys.map((k) => found.get(`${k.issueId}:${k.userId}`) ?? null);
    },
    { cacheKeyFn: (k) => `${k.issueId}:${k.userId}` },
  );
