/**
 * Who watches an issue. Acting on an issue subscribes you implicitly, but never over a choice you
 * made: an existing row (an earlier reason, or an opt-out) stays as it is. Only an explicit
 * subscribe or unsubscribe changes a row.
 */
import type { EntityManager } from 'typeorm';
import { IssueSubscription } from './issue-subscription.entity.js';
import { SubscriptionReason } from './subscription-reason.js';

/** Subscribes each user to the issue with `reason`, unless they already have a subscription row (active or not). */
export async function subscribeImplicitly(tx: EntityManager, issueId: number, userIds: readonly number[], reason: SubscriptionReason): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx
    .createQueryBuilder()
    .insert()
    .into(IssueSubscription)
    .values(unique.map((userId) => ({ issueId, userId, isActive: true, reason })))
    .orIgnore()
    .execute();
}

/** The person's own choice; returns whether it changed anything. Subscribing by hand makes the reason EXPLICIT. */
export async function setSubscription(tx: EntityManager, issueId: number, userId: number, subscribed: boolean): Promise<boolean> {
  const repo = tx.getRepository(IssueSubscription);
  const current = await repo.findOneBy({ issueId, userId });
  if ((current?.isActive ?? false) === subscribed) return false;
  const reason = subscribed ? SubscriptionReason.EXPLICIT : (current?.reason ?? SubscriptionReason.EXPLICIT);
  await repo.upsert({ issueId, userId, isActive: subscribed, reason }, ['issueId', 'userId']);
  return true;
}

/** The user IDs of a team's members (an assignment or a #team mention reaches each of them). */
export async function teamMemberUserIds(tx: Pick<EntityManager, 'query'>, teamId: number): Promise<number[]> {
  const rows: { user_id: number }[] = await tx.query(
    'SELECT m.user_id FROM team_member tm JOIN organization_member m ON m.id = tm.membership_id WHERE tm.team_id = $1 ORDER BY m.user_id',
    [teamId],
  );
  return rows.map((row) => row.user_id);
}
