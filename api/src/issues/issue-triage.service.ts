/**
 * Triage applied: status, assignment, bookmarks and subscriptions, one issue or many. What a
 * request means is decided in issue-triage-plan.ts; here the assignee is looked up and every
 * change writes its Activity row and publishes issueUpdated in the same transaction as the change
 * itself. Issue rows are locked in id order, like the ingest pipeline does, so the two cannot deadlock.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { Membership } from '../organizations/membership.entity.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Release } from '../releases/release.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';
import { Activity } from './activity.entity.js';
import { IssueBookmark } from './issue-bookmark.entity.js';
import { announceActivities, type ActivityDeps } from './activity-log.js';
import { setSubscription, subscribeImplicitly, teamMemberUserIds } from './issue-subscriptions.js';
import { SubscriptionReason } from './subscription-reason.js';
import { planAssigneeChange, planShareChange, planStatusChange, readTriageInput } from './issue-triage-plan.js';
import { newShareId } from './issue-sharing.js';
import type { Assignee, AssigneeRequest, IssueUpdateInput, PlannedActivity, TriagePlan } from './issue-triage-plan.js';
import { IssueStatusChange } from './issue-triage.types.js';
import { Issue } from './issue.entity.js';
import { latestProjectRelease } from './issue.service.js';
import { removeFromInbox } from './issue-inbox.js';

export type { IssueUpdateInput, TriagePlan } from './issue-triage-plan.js';

/** An assignee must belong to the organization: a member, or one of its teams (NOT_FOUND otherwise). */
async function findAssignee(db: DataSource, access: OrgAccess, request: AssigneeRequest): Promise<Assignee> {
  if (request === null) return null;
  if ('teamSlug' in request) {
    const team = await db.getRepository(Team).findOneBy({ organizationId: access.organization.id, slug: request.teamSlug });
    if (!team) throw notFound('Team');
    return { type: 'team', team };
  }
  const id = parseId(request.userId, 'User');
  const member = await db.getRepository(Membership).findOneBy({ organizationId: access.organization.id, userId: id });
  if (!member) throw notFound('User');
  return { type: 'user', user: await db.getRepository(User).findOneByOrFail({ id }) };
}

/** Checks the input (BAD_USER_INPUT) and its assignee against the organization (NOT_FOUND), once per request. */
export async function planTriage(db: DataSource, access: OrgAccess, input: IssueUpdateInput): Promise<TriagePlan> {
  const { plan, assignee } = readTriageInput(input);
  if (assignee !== undefined) plan.assignee = await findAssignee(db, access, assignee);
  return plan;
}

/** Subscribes people to an issue because it was assigned to them (or their team). */
async function subscribeAssignees(tx: EntityManager, issueId: number, assignee: NonNullable<Assignee>): Promise<void> {
  const userIds = assignee.type === 'user' ? [assignee.user.id] : await teamMemberUserIds(tx, assignee.team.id);
  await subscribeImplicitly(tx, issueId, userIds, SubscriptionReason.ASSIGNED);
}

export interface TriageContext {
  tx: EntityManager;
  deps: ActivityDeps;
  access: OrgAccess;
  now: Date;
  /** Latest release per project, looked up once per bulk update. */
  releases: Map<number, Release | null>;
}

/** Applies the plan to one locked issue; returns whether anything changed. */
async function applyPlan(ctx: TriageContext, issue: Issue, plan: TriagePlan): Promise<boolean> {
  const { tx, access } = ctx;
  const userId = access.viewer.user.id;
  const activities: PlannedActivity[] = [];
  const changes: Partial<Issue> = {};

  if (plan.status === IssueStatusChange.RESOLVED_IN_NEXT_RELEASE && !ctx.releases.has(issue.projectId)) {
    ctx.releases.set(issue.projectId, await latestProjectRelease(tx, issue.projectId));
  }
  const status = planStatusChange(issue, plan, ctx.releases.get(issue.projectId) ?? null, ctx.now);
  const assignment = planAssigneeChange(issue, plan);
  const sharing = planShareChange(issue, plan, newShareId);
  for (const change of [status, assignment, sharing]) {
    if (!change) continue;
    Object.assign(changes, change.changes);
    activities.push(change.activity);
  }
  if (assignment && plan.assignee) await subscribeAssignees(tx, issue.id, plan.assignee);
  if (status) await subscribeImplicitly(tx, issue.id, [userId], SubscriptionReason.STATUS_CHANGE);
  // Resolving or ignoring an issue reviews it (Sentry takes it out of "For review" too).
  if (status && status.changes.status !== 'unresolved') await removeFromInbox(tx, [issue.id]);

  let personalChange = false;
  if (plan.isBookmarked !== undefined) {
    const key = { issueId: issue.id, userId };
    const changed = plan.isBookmarked
      ? ((await tx.createQueryBuilder().insert().into(IssueBookmark).values(key).orIgnore().returning('issue_id').execute()).raw as unknown[]).length > 0
      : ((await tx.getRepository(IssueBookmark).delete(key)).affected ?? 0) > 0;
    if (changed) activities.push({ type: plan.isBookmarked ? 'bookmarked' : 'unbookmarked', data: {} });
    if (changed && plan.isBookmarked) await subscribeImplicitly(tx, issue.id, [userId], SubscriptionReason.BOOKMARKED);
  }
  // No activity type exists for (un)subscribing: it is the viewer's own preference.
  if (plan.isSubscribed !== undefined) personalChange = await setSubscription(tx, issue.id, userId, plan.isSubscribed);

  if (Object.keys(changes).length > 0) {
    await tx.getRepository(Issue).update(issue.id, changes);
    // Slack messages posted for the issue show its status and assignee: re-render them after commit.
    await ctx.deps.queue.add('slack.update-issue-messages', { issueId: issue.id }, { runner: tx, singletonKey: `issue:${issue.id}` });
  }
  if (activities.length > 0) {
    const repo = tx.getRepository(Activity);
    const saved = await repo.save(activities.map((a) => repo.create({ issueId: issue.id, userId, type: a.type, data: a.data })));
    await announceActivities(tx, ctx.deps, saved.map((a) => a.id));
  }
  const changed = activities.length > 0 || personalChange;
  if (changed) {
    await ctx.deps.pubsub.publish('issueUpdated', { organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id }, tx);
  }
  return changed;
}

/** Locks the issues (id order) and applies the plan to each, in one transaction. Returns them as updated. */
export async function triageIssues(
  db: DataSource,
  deps: ActivityDeps,
  access: OrgAccess,
  issueIds: readonly number[],
  plan: TriagePlan,
): Promise<Issue[]> {
  if (issueIds.length === 0) return [];
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Issue);
    const issues = await repo.find({ where: { id: In([...issueIds]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const ctx: TriageContext = { tx, deps, access, now: new Date(), releases: new Map() };
    for (const issue of issues) await applyPlan(ctx, issue, plan);
    return repo.find({ where: { id: In(issues.map((i) => i.id)) }, order: { id: 'ASC' } });
  });
}

/**
 * Deletes issues; their events, hashes, tag values and history go with them (foreign key
 * cascades). Attachments are keyed by event id without a foreign key, so they are removed here.
 */
export async function deleteIssues(db: DataSource, pubsub: PgPubSub, access: OrgAccess, issueIds: readonly number[]): Promise<number> {
  if (issueIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const issues = await tx.getRepository(Issue).find({ where: { id: In([...issueIds]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const ids = issues.map((issue) => issue.id);
    if (ids.length === 0) return 0;
    await tx.query(
      `DELETE FROM event_attachment a USING event e
        WHERE e.issue_id = ANY($1) AND a.project_id = e.project_id AND a.event_id = e.event_id`,
      [ids],
    );
    await tx.getRepository(Issue).delete({ id: In(ids) });
    for (const issue of issues) {
      await pubsub.publish('issueUpdated', { organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id }, tx);
    }
    return ids.length;
  });
}
