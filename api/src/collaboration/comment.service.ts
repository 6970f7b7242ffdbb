/**
 * Comments (activity type `note`, markdown kept as written). Adding one stores its mentions,
 * subscribes the author (COMMENTED) and everyone it mentions (MENTIONED / TEAM_MENTIONED), and
 * announces the activity (live views, the notification job) in the same transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { Activity } from '../issues/activity.entity.js';
import { announceActivities, type ActivityDeps } from '../issues/activity-log.js';
import { subscribeImplicitly } from '../issues/issue-subscriptions.js';
import type { Issue } from '../issues/issue.entity.js';
import { SubscriptionReason } from '../issues/subscription-reason.js';
import { parseHandles } from './mention-parser.js';
import { resolveMentions } from './mention-resolver.js';
import { Mention } from './mention.entity.js';

export const MAX_COMMENT_LENGTH = 10_000;

function checkText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw badInput('A comment needs some text', 'text');
  if (trimmed.length > MAX_COMMENT_LENGTH) throw badInput(`A comment may be at most ${MAX_COMMENT_LENGTH} characters`, 'text');
  if (trimmed.includes('\u0000')) throw badInput('A comment cannot contain NUL characters', 'text');
  return trimmed;
}

/** Who the text mentions, one row per member reached (a direct mention wins over a team's). */
async function plannedMentions(tx: EntityManager, access: OrgAccess, text: string): Promise<{ userId: number; teamId: number | null }[]> {
  const targets = await resolveMentions(tx, access.organization.id, parseHandles(text));
  const author = access.viewer.user.id;
  const planned = new Map<number, number | null>();
  for (const userId of targets.userIds) if (userId !== author) planned.set(userId, null);
  for (const team of targets.teams) {
    for (const userId of team.memberUserIds) if (userId !== author && !planned.has(userId)) planned.set(userId, team.id);
  }
  return [...planned].map(([userId, teamId]) => ({ userId, teamId }));
}

/** Inserts the mentions that are not stored yet, subscribes those people and tells them live. */
async function storeMentions(tx: EntityManager, deps: ActivityDeps, access: OrgAccess, activity: Activity, text: string): Promise<void> {
  const planned = await plannedMentions(tx, access, text);
  if (planned.length === 0) return;
  const inserted = (
    await tx
      .createQueryBuilder()
      .insert()
      .into(Mention)
      .values(planned.map((p) => ({ activityId: activity.id, issueId: activity.issueId, userId: p.userId, teamId: p.teamId })))
      .orIgnore()
      .returning(['id', 'userId', 'teamId'])
      .execute()
  ).raw as { id: number; user_id: number; team_id: number | null }[];
  const direct = inserted.filter((m) => m.team_id === null).map((m) => m.user_id);
  const viaTeam = inserted.filter((m) => m.team_id !== null).map((m) => m.user_id);
  await subscribeImplicitly(tx, activity.issueId, direct, SubscriptionReason.MENTIONED);
  await subscribeImplicitly(tx, activity.issueId, viaTeam, SubscriptionReason.TEAM_MENTIONED);
  await deps.pubsub.publishMany(
    'mentionReceived',
    inserted.map((m) => ({ organizationId: access.organization.id, userId: m.user_id, mentionId: m.id })),
    tx,
  );
}

export async function addComment(db: DataSource, deps: ActivityDeps, access: OrgAccess, issue: Pick<Issue, 'id'>, text: string): Promise<Activity> {
  const body = checkText(text);
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Activity);
    const activity = await repo.save(repo.create({ issueId: issue.id, userId: access.viewer.user.id, type: 'note', data: { text: body } }));
    await subscribeImplicitly(tx, issue.id, [access.viewer.user.id], SubscriptionReason.COMMENTED);
    await storeMentions(tx, deps, access, activity, body);
    await announceActivities(tx, deps, [activity.id]);
    return activity;
  });
}

/** A comment of the organization (NOT_FOUND otherwise) that the caller may change: their own, or any for admins. */
export async function editableComment(tx: EntityManager | DataSource, access: OrgAccess, activityId: number): Promise<Activity> {
  const comment = await tx
    .getRepository(Activity)
    .createQueryBuilder('a')
    .innerJoin('issue', 'i', 'i.id = a.issue_id')
    .innerJoin('project', 'p', "p.id = i.project_id AND p.status = 'active'")
    .where('a.id = :activityId AND a.type = :type AND p.organization_id = :organizationId', {
      activityId,
      type: 'note',
      organizationId: access.organization.id,
    })
    .setLock('pessimistic_write', undefined, ['a'])
    .getOne();
  if (!comment) throw notFound('Comment');
  if (comment.userId !== access.viewer.user.id && !access.scopes.has('event:admin')) {
    throw forbidden('Only its author or an organization admin may change this comment');
  }
  return comment;
}

/** New text; people it newly mentions are subscribed and told live (mentions it no longer makes are removed). */
export async function updateComment(db: DataSource, deps: ActivityDeps, access: OrgAccess, activityId: number, text: string): Promise<Activity> {
  const body = checkText(text);
  return db.transaction(async (tx) => {
    const comment = await editableComment(tx, access, activityId);
    comment.data = { ...comment.data, text: body, editedAt: new Date().toISOString() };
    await tx.getRepository(Activity).save(comment);
    const keep = (await plannedMentions(tx, access, body)).map((m) => m.userId);
    await tx.query('DELETE FROM mention WHERE activity_id = $1 AND NOT (user_id = ANY($2::int[]))', [comment.id, keep]);
    await storeMentions(tx, deps, access, comment, body);
    return comment;
  });
}

export async function deleteComment(db: DataSource, access: OrgAccess, activityId: number): Promise<Activity> {
  return db.transaction(async (tx) => {
    const comment = await editableComment(tx, access, activityId);
    await tx.getRepository(Activity).delete(comment.id);
    return comment;
  });
}
