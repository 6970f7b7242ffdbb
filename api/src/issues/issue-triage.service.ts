/**
 * Triage: status, assignment, bookmarks and subscriptions, one issue or many. Every change writes
 * its Activity row and publishes issueUpdated in the same transaction as the change itself. Issue
 * rows are locked in id order, like the ingest pipeline does, so the two cannot deadlock.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { Membership } from '../organizations/membership.entity.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Release } from '../releases/release.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';
import { Activity, type ActivityType } from './activity.entity.js';
import { IssueBookmark } from './issue-bookmark.entity.js';
import { IssueSubscription } from './issue-subscription.entity.js';
import { IssueStatusChange } from './issue-triage.types.js';
import { Issue } from './issue.entity.js';
import { latestProjectRelease } from './issue.service.js';

export interface IssueUpdateInput {
  status?: IssueStatusChange | null;
  ignore?: { forever?: boolean | null; untilCount?: number | null; forMinutes?: number | null } | null;
  /** undefined leaves the assignee as is; null unassigns. */
  assignee?: { userId?: string | null; teamSlug?: string | null } | null;
  isBookmarked?: boolean | null;
  isSubscribed?: boolean | null;
}

type Ignore = { kind: 'forever' } | { kind: 'count'; count: number } | { kind: 'minutes'; minutes: number };
type Assignee = { type: 'user'; user: User } | { type: 'team'; team: Team } | null;

/** The input checked against the organization once, then applied to each issue. */
export interface TriagePlan {
  status?: IssueStatusChange;
  ignore?: Ignore;
  assignee?: Assignee;
  isBookmarked?: boolean;
  isSubscribed?: boolean;
}

const MAX_IGNORE_COUNT = 1_000_000_000;
// ignore_until_times_seen is an int4 column: times_seen + count is capped to fit.
const MAX_INT4 = 2_147_483_647;
const MAX_IGNORE_MINUTES = 10 * 366 * 24 * 60;

function planIgnore(input: IssueUpdateInput): Ignore | undefined {
  const ignore = input.ignore;
  if (!ignore) return input.status === IssueStatusChange.IGNORED ? { kind: 'forever' } : undefined;
  if (input.status !== IssueStatusChange.IGNORED) throw badInput('ignore needs status IGNORED', 'ignore');
  const chosen = [ignore.forever === true, ignore.untilCount != null, ignore.forMinutes != null].filter(Boolean).length;
  if (chosen > 1) throw badInput('Set only one of forever, untilCount and forMinutes', 'ignore');
  if (ignore.untilCount != null) {
    if (!Number.isInteger(ignore.untilCount) || ignore.untilCount < 1 || ignore.untilCount > MAX_IGNORE_COUNT) {
      throw badInput(`untilCount must be between 1 and ${MAX_IGNORE_COUNT}`, 'ignore.untilCount');
    }
    return { kind: 'count', count: ignore.untilCount };
  }
  if (ignore.forMinutes != null) {
    if (!Number.isInteger(ignore.forMinutes) || ignore.forMinutes < 1 || ignore.forMinutes > MAX_IGNORE_MINUTES) {
      throw badInput(`forMinutes must be between 1 and ${MAX_IGNORE_MINUTES}`, 'ignore.forMinutes');
    }
    return { kind: 'minutes', minutes: ignore.forMinutes };
  }
  return { kind: 'forever' };
}

/** An assignee must belong to the organization: a member, or one of its teams (NOT_FOUND otherwise). */
async function planAssignee(db: DataSource, access: OrgAccess, input: IssueUpdateInput['assignee']): Promise<Assignee | undefined> {
  if (input === undefined) return undefined;
  if (input === null) return null;
  const { userId, teamSlug } = input;
  if ((userId == null) === (teamSlug == null)) throw badInput('Give exactly one of userId and teamSlug', 'assignee');
  if (teamSlug != null) {
    const team = await db.getRepository(Team).findOneBy({ organizationId: access.organization.id, slug: teamSlug });
    if (!team) throw notFound('Team');
    return { type: 'team', team };
  }
  const id = parseId(userId!, 'User');
  const member = await db.getRepository(Membership).findOneBy({ organizationId: access.organization.id, userId: id });
  if (!member) throw notFound('User');
  return { type: 'user', user: await db.getRepository(User).findOneByOrFail({ id }) };
}

export async function planTriage(db: DataSource, access: OrgAccess, input: IssueUpdateInput): Promise<TriagePlan> {
  const plan: TriagePlan = {};
  if (input.status != null) plan.status = input.status;
  const ignore = planIgnore(input);
  if (ignore) plan.ignore = ignore;
  const assignee = await planAssignee(db, access, input.assignee);
  if (assignee !== undefined) plan.assignee = assignee;
  if (input.isBookmarked != null) plan.isBookmarked = input.isBookmarked;
  if (input.isSubscribed != null) plan.isSubscribed = input.isSubscribed;
  return plan;
}

const CLEARED = { resolution: null, resolvedAt: null, resolvedInReleaseId: null, ignoreUntil: null, ignoreUntilTimesSeen: null };

/** The status columns a change sets, and the activity that records it. */
function statusChanges(
  issue: Issue,
  plan: TriagePlan,
  release: Release | null,
  now: Date,
): { changes: Partial<Issue>; type: ActivityType; data: Record<string, unknown> } | null {
  const resolved = { ...CLEARED, status: 'resolved' as const, substatus: null, resolution: 'now' as const, resolvedAt: now };
  switch (plan.status) {
    case undefined:
      return null;
    case IssueStatusChange.RESOLVED:
      return { changes: resolved, type: 'set_resolved', data: {} };
    case IssueStatusChange.RESOLVED_IN_NEXT_RELEASE:
      // Without any release there is no "next" one to wait for: resolve now.
      if (!release) return { changes: resolved, type: 'set_resolved', data: {} };
      return {
        changes: { ...resolved, resolution: 'in_next_release', resolvedInReleaseId: release.id },
        type: 'set_resolved_in_next_release',
        data: { version: release.version },
      };
    case IssueStatusChange.UNRESOLVED:
      return { changes: { ...CLEARED, status: 'unresolved', substatus: 'ongoing' }, type: 'set_unresolved', data: {} };
    case IssueStatusChange.IGNORED: {
      const ignore = plan.ignore ?? { kind: 'forever' };
      const until = ignore.kind === 'minutes' ? new Date(now.getTime() + ignore.minutes * 60_000) : null;
      const untilTimesSeen = ignore.kind === 'count' ? Math.min(issue.timesSeen + ignore.count, MAX_INT4) : null;
      return {
        changes: { ...CLEARED, status: 'ignored', substatus: null, ignoreUntil: until, ignoreUntilTimesSeen: untilTimesSeen },
        type: 'set_ignored',
        data: {
          ...(ignore.kind === 'minutes' ? { ignoreDuration: ignore.minutes, ignoreUntil: until?.toISOString() } : {}),
          ...(ignore.kind === 'count' ? { ignoreCount: ignore.count } : {}),
        },
      };
    }
  }
}

/** Whether applying `changes` would leave the row as it is (the resolution time aside). */
function isNoOp(issue: Issue, changes: Partial<Issue>): boolean {
  return Object.entries(changes).every(([key, value]) => {
    if (key === 'resolvedAt') return true;
    const current: unknown = issue[key as keyof Issue];
    return value instanceof Date && current instanceof Date ? value.getTime() === current.getTime() : value === current;
  });
}

/** Subscribes people to an issue because it was assigned to them (or their team). */
async function subscribeAssignees(tx: EntityManager, issueId: number, assignee: NonNullable<Assignee>): Promise<void> {
  const userIds: number[] =
    assignee.type === 'user'
      ? [assignee.user.id]
      : ((await tx.query(
          'SELECT m.user_id FROM team_member tm JOIN organization_member m ON m.id = tm.membership_id WHERE tm.team_id = $1',
          [assignee.team.id],
        )) as { user_id: number }[]).map((row) => row.user_id);
  if (userIds.length === 0) return;
  await tx
    .createQueryBuilder()
    .insert()
    .into(IssueSubscription)
    .values(userIds.map((userId) => ({ issueId, userId, isActive: true, reason: 'assigned' })))
    .orUpdate(['is_active', 'reason'], ['issue_id', 'user_id'])
    .execute();
}

export interface TriageContext {
  tx: EntityManager;
  pubsub: PgPubSub;
  access: OrgAccess;
  now: Date;
  /** Latest release per project, looked up once per bulk update. */
  releases: Map<number, Release | null>;
}

/** Applies the plan to one locked issue; returns whether anything changed. */
async function applyPlan(ctx: TriageContext, issue: Issue, plan: TriagePlan): Promise<boolean> {
  const { tx, access } = ctx;
  const userId = access.viewer.user.id;
  const activities: { type: ActivityType; data: Record<string, unknown> }[] = [];
  const changes: Partial<Issue> = {};

  if (plan.status === IssueStatusChange.RESOLVED_IN_NEXT_RELEASE && !ctx.releases.has(issue.projectId)) {
    ctx.releases.set(issue.projectId, await latestProjectRelease(tx, issue.projectId));
  }
  const status = statusChanges(issue, plan, ctx.releases.get(issue.projectId) ?? null, ctx.now);
  if (status && !isNoOp(issue, status.changes)) {
    Object.assign(changes, status.changes);
    activities.push({ type: status.type, data: status.data });
  }

  if (plan.assignee !== undefined) {
    const assignee = plan.assignee;
    const userIdNew = assignee?.type === 'user' ? assignee.user.id : null;
    const teamIdNew = assignee?.type === 'team' ? assignee.team.id : null;
    if (issue.assigneeUserId !== userIdNew || issue.assigneeTeamId !== teamIdNew) {
      Object.assign(changes, { assigneeUserId: userIdNew, assigneeTeamId: teamIdNew });
      if (!assignee) activities.push({ type: 'unassigned', data: {} });
      else {
        await subscribeAssignees(tx, issue.id, assignee);
        activities.push({
          type: 'assigned',
          data:
            assignee.type === 'user'
              ? { assignee: String(assignee.user.id), assigneeType: 'user', assigneeEmail: assignee.user.email }
              : { assignee: String(assignee.team.id), assigneeType: 'team', teamSlug: assignee.team.slug },
        });
      }
    }
  }

  let personalChange = false;
  if (plan.isBookmarked !== undefined) {
    const key = { issueId: issue.id, userId };
    const changed = plan.isBookmarked
      ? ((await tx.createQueryBuilder().insert().into(IssueBookmark).values(key).orIgnore().returning('issue_id').execute()).raw as unknown[]).length > 0
      : ((await tx.getRepository(IssueBookmark).delete(key)).affected ?? 0) > 0;
    if (changed) activities.push({ type: plan.isBookmarked ? 'bookmarked' : 'unbookmarked', data: {} });
  }
  if (plan.isSubscribed !== undefined) {
    const current = await tx.getRepository(IssueSubscription).findOneBy({ issueId: issue.id, userId });
    if ((current?.isActive ?? false) !== plan.isSubscribed) {
      // No activity type exists for (un)subscribing: it is the viewer's own preference.
      await tx.getRepository(IssueSubscription).upsert(
        { issueId: issue.id, userId, isActive: plan.isSubscribed, reason: current?.reason ?? 'subscribed' },
        ['issueId', 'userId'],
      );
      personalChange = true;
    }
  }

  if (Object.keys(changes).length > 0) await tx.getRepository(Issue).update(issue.id, changes);
  if (activities.length > 0) {
    const repo = tx.getRepository(Activity);
    await repo.save(activities.map((a) => repo.create({ issueId: issue.id, userId, type: a.type, data: a.data })));
  }
  const changed = activities.length > 0 || personalChange;
  if (changed) {
    await ctx.pubsub.publish('issueUpdated', { organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id }, tx);
  }
  return changed;
}

/** Locks the issues (id order) and applies the plan to each, in one transaction. Returns them as updated. */
export async function triageIssues(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  issueIds: readonly number[],
  plan: TriagePlan,
): Promise<Issue[]> {
  if (issueIds.length === 0) return [];
  return db.transaction(async (tx) => {
    const repo = tx.getRepository(Issue);
    const issues = await repo.find({ where: { id: In([...issueIds]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const ctx: TriageContext = { tx, pubsub, access, now: new Date(), releases: new Map() };
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
