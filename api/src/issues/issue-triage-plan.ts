/**
 * What a triage request means, decided without the database: the checked request (readTriageInput),
 * then per issue the columns that change and the activity that records it. issue-triage.service.ts
 * looks up the assignee and applies the result.
 */
import { badInput } from '../errors.js';
import type { Release } from '../releases/release.entity.js';
import type { Team } from '../teams/team.entity.js';
import type { User } from '../users/user.entity.js';
import type { ActivityType } from './activity.entity.js';
import { IssueStatusChange } from './issue-triage.types.js';
import type { Issue } from './issue.entity.js';

export interface IssueUpdateInput {
  status?: IssueStatusChange | null;
  ignore?: { forever?: boolean | null; untilCount?: number | null; forMinutes?: number | null } | null;
  /** undefined leaves the assignee as is; null unassigns. */
  assignee?: { userId?: string | null; teamSlug?: string | null } | null;
  isBookmarked?: boolean | null;
  isSubscribed?: boolean | null;
  isPublic?: boolean | null;
}

export type Ignore = { kind: 'forever' } | { kind: 'count'; count: number } | { kind: 'minutes'; minutes: number };
export type Assignee = { type: 'user'; user: Pick<User, 'id' | 'email'> } | { type: 'team'; team: Pick<Team, 'id' | 'slug'> } | null;
/** The assignee as the request names it, before it is looked up in the organization. */
export type AssigneeRequest = { userId: string } | { teamSlug: string } | null;

/** The input checked against the organization once, then applied to each issue. */
export interface TriagePlan {
  status?: IssueStatusChange;
  ignore?: Ignore;
  assignee?: Assignee;
  isBookmarked?: boolean;
  isSubscribed?: boolean;
  isPublic?: boolean;
}

export interface PlannedActivity {
  type: ActivityType;
  data: Record<string, unknown>;
}

/** The issue columns triage reads and writes. */
export type TriagedIssue = Pick<
  Issue,
  | 'status'
  | 'substatus'
  | 'resolution'
  | 'resolvedAt'
  | 'resolvedInReleaseId'
  | 'ignoreUntil'
  | 'ignoreUntilTimesSeen'
  | 'timesSeen'
  | 'assigneeUserId'
  | 'assigneeTeamId'
  | 'shareId'
>;

export interface IssueChange {
  changes: Partial<TriagedIssue>;
  activity: PlannedActivity;
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

function assigneeRequest(input: IssueUpdateInput['assignee']): AssigneeRequest | undefined {
  if (input === undefined || input === null) return input;
  const { userId, teamSlug } = input;
  if ((userId == null) === (teamSlug == null)) throw badInput('Give exactly one of userId and teamSlug', 'assignee');
  return teamSlug != null ? { teamSlug } : { userId: userId! };
}

/** Checks the request (BAD_USER_INPUT otherwise): the plan, and the assignee still to look up. */
export function readTriageInput(input: IssueUpdateInput): { plan: TriagePlan; assignee?: AssigneeRequest } {
  const plan: TriagePlan = {};
  if (input.status != null) plan.status = input.status;
  const ignore = planIgnore(input);
  if (ignore) plan.ignore = ignore;
  const assignee = assigneeRequest(input.assignee);
  if (input.isBookmarked != null) plan.isBookmarked = input.isBookmarked;
  if (input.isSubscribed != null) plan.isSubscribed = input.isSubscribed;
  if (input.isPublic != null) plan.isPublic = input.isPublic;
  return assignee === undefined ? { plan } : { plan, assignee };
}

const CLEARED = { resolution: null, resolvedAt: null, resolvedInReleaseId: null, ignoreUntil: null, ignoreUntilTimesSeen: null };

/** The status columns a change sets, and the activity that records it. */
function statusChange(issue: TriagedIssue, plan: TriagePlan, release: Pick<Release, 'id' | 'version'> | null, now: Date): IssueChange | null {
  const resolved = { ...CLEARED, status: 'resolved' as const, substatus: null, resolution: 'now' as const, resolvedAt: now };
  switch (plan.status) {
    case undefined:
      return null;
    case IssueStatusChange.RESOLVED:
      return { changes: resolved, activity: { type: 'set_resolved', data: {} } };
    case IssueStatusChange.RESOLVED_IN_NEXT_RELEASE:
      // Without any release there is no "next" one to wait for: resolve now.
      if (!release) return { changes: resolved, activity: { type: 'set_resolved', data: {} } };
      return {
        changes: { ...resolved, resolution: 'in_next_release', resolvedInReleaseId: release.id },
        activity: { type: 'set_resolved_in_next_release', data: { version: release.version } },
      };
    case IssueStatusChange.UNRESOLVED:
      return { changes: { ...CLEARED, status: 'unresolved', substatus: 'ongoing' }, activity: { type: 'set_unresolved', data: {} } };
    case IssueStatusChange.IGNORED: {
      const ignore = plan.ignore ?? { kind: 'forever' };
      const until = ignore.kind === 'minutes' ? new Date(now.getTime() + ignore.minutes * 60_000) : null;
      const untilTimesSeen = ignore.kind === 'count' ? Math.min(issue.timesSeen + ignore.count, MAX_INT4) : null;
      return {
        changes: { ...CLEARED, status: 'ignored', substatus: null, ignoreUntil: until, ignoreUntilTimesSeen: untilTimesSeen },
        activity: {
          type: 'set_ignored',
          data: {
            ...(ignore.kind === 'minutes' ? { ignoreDuration: ignore.minutes, ignoreUntil: until?.toISOString() } : {}),
            ...(ignore.kind === 'count' ? { ignoreCount: ignore.count } : {}),
          },
        },
      };
    }
  }
}

/** Whether applying `changes` would leave the row as it is (the resolution time aside). */
function isNoOp(issue: TriagedIssue, changes: Partial<TriagedIssue>): boolean {
  return Object.entries(changes).every(([key, value]) => {
    if (key === 'resolvedAt') return true;
    const current: unknown = issue[key as keyof TriagedIssue];
    return value instanceof Date && current instanceof Date ? value.getTime() === current.getTime() : value === current;
  });
}

/**
 * The status change the plan makes to this issue, or null when it is already in that state.
 * `release` is the project's latest release (for RESOLVED_IN_NEXT_RELEASE).
 */
export function planStatusChange(issue: TriagedIssue, plan: TriagePlan, release: Pick<Release, 'id' | 'version'> | null, now: Date): IssueChange | null {
  const change = statusChange(issue, plan, release, now);
  return change && !isNoOp(issue, change.changes) ? change : null;
}

/** The assignment the plan makes to this issue, or null when it leaves the assignee as is. */
export function planAssigneeChange(issue: TriagedIssue, plan: TriagePlan): IssueChange | null {
  if (plan.assignee === undefined) return null;
  const assignee = plan.assignee;
  const assigneeUserId = assignee?.type === 'user' ? assignee.user.id : null;
  const assigneeTeamId = assignee?.type === 'team' ? assignee.team.id : null;
  if (issue.assigneeUserId === assigneeUserId && issue.assigneeTeamId === assigneeTeamId) return null;
  const changes = { assigneeUserId, assigneeTeamId };
  if (!assignee) return { changes, activity: { type: 'unassigned', data: {} } };
  const data =
    assignee.type === 'user'
      ? { assignee: String(assignee.user.id), assigneeType: 'user', assigneeEmail: assignee.user.email }
      : { assignee: String(assignee.team.id), assigneeType: 'team', teamSlug: assignee.team.slug };
  return { changes, activity: { type: 'assigned', data } };
}

/**
 * Sharing on or off: a new unguessable share id (128 random bits) or none, so turning sharing off
 * and on again never revives an old link. `newShareId` is passed in to keep this module pure.
 */
export function planShareChange(issue: TriagedIssue, plan: TriagePlan, newShareId: () => string): IssueChange | null {
  if (plan.isPublic === undefined || plan.isPublic === (issue.shareId !== null)) return null;
  return plan.isPublic
    ? { changes: { shareId: newShareId() }, activity: { type: 'set_public', data: {} } }
    : { changes: { shareId: null }, activity: { type: 'set_private', data: {} } };
}
