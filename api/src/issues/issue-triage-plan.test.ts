// IssueStatusChange is registered as a GraphQL enum when its module loads.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { planAssigneeChange, planShareChange, planStatusChange, readTriageInput, type IssueUpdateInput, type TriagedIssue, type TriagePlan } from './issue-triage-plan.js';
import { IssueStatusChange } from './issue-triage.types.js';

const NOW = new Date('2026-11-15T12:00:00.000Z');
const unresolved: TriagedIssue = {
  status: 'unresolved',
  substatus: 'ongoing',
  resolution: null,
  resolvedAt: null,
  resolvedInReleaseId: null,
  ignoreUntil: null,
  ignoreUntilTimesSeen: null,
  timesSeen: 7,
  assigneeUserId: null,
  assigneeTeamId: null,
  shareId: null,
};
const resolvedNow: Partial<TriagedIssue> = {
  status: 'resolved',
  substatus: null,
  resolution: 'now',
  resolvedAt: NOW,
  resolvedInReleaseId: null,
  ignoreUntil: null,
  ignoreUntilTimesSeen: null,
};
const plan = (input: IssueUpdateInput): TriagePlan => readTriageInput(input).plan;

function badInputOf(input: IssueUpdateInput): { message: string; field: unknown } {
  try {
    readTriageInput(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return { message: error.message, field: error.details.field };
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('readTriageInput', () => {
  it.each<[IssueUpdateInput, TriagePlan]>([
    [{}, {}],
    [{ status: null, ignore: null, isBookmarked: null, isSubscribed: null }, {}],
    [{ status: IssueStatusChange.RESOLVED }, { status: IssueStatusChange.RESOLVED }],
    [{ status: IssueStatusChange.IGNORED }, { status: IssueStatusChange.IGNORED, ignore: { kind: 'forever' } }],
    [{ status: IssueStatusChange.IGNORED, ignore: { forever: true } }, { status: IssueStatusChange.IGNORED, ignore: { kind: 'forever' } }],
    [{ status: IssueStatusChange.IGNORED, ignore: { untilCount: 5 } }, { status: IssueStatusChange.IGNORED, ignore: { kind: 'count', count: 5 } }],
    [{ status: IssueStatusChange.IGNORED, ignore: { forMinutes: 30 } }, { status: IssueStatusChange.IGNORED, ignore: { kind: 'minutes', minutes: 30 } }],
    [{ isBookmarked: false, isSubscribed: true }, { isBookmarked: false, isSubscribed: true }],
  ])('%j plans %j', (input, expected) => {
    expect(plan(input)).toEqual(expected);
    expect(readTriageInput(input).assignee).toBeUndefined();
  });

  it('passes the assignee on to be looked up; null unassigns', () => {
    expect(readTriageInput({ assignee: { userId: '12' } }).assignee).toEqual({ userId: '12' });
    expect(readTriageInput({ assignee: { teamSlug: 'backend', userId: null } }).assignee).toEqual({ teamSlug: 'backend' });
    expect(readTriageInput({ assignee: null })).toEqual({ plan: {}, assignee: null });
  });

  it.each<[IssueUpdateInput, string, string]>([
    [{ ignore: { forever: true } }, 'ignore needs status IGNORED', 'ignore'],
    [{ status: IssueStatusChange.RESOLVED, ignore: { untilCount: 1 } }, 'ignore needs status IGNORED', 'ignore'],
    [{ status: IssueStatusChange.IGNORED, ignore: { forever: true, forMinutes: 5 } }, 'Set only one of forever, untilCount and forMinutes', 'ignore'],
    [{ status: IssueStatusChange.IGNORED, ignore: { untilCount: 0 } }, 'untilCount must be between 1 and 1000000000', 'ignore.untilCount'],
    [{ status: IssueStatusChange.IGNORED, ignore: { untilCount: 1.5 } }, 'untilCount must be between 1 and 1000000000', 'ignore.untilCount'],
    [{ status: IssueStatusChange.IGNORED, ignore: { forMinutes: 10 * 366 * 24 * 60 + 1 } }, 'forMinutes must be between 1 and 5270400', 'ignore.forMinutes'],
    [{ assignee: {} }, 'Give exactly one of userId and teamSlug', 'assignee'],
    [{ assignee: { userId: '1', teamSlug: 'backend' } }, 'Give exactly one of userId and teamSlug', 'assignee'],
  ])('rejects %j: %s', (input, message, field) => {
    expect(badInputOf(input)).toEqual({ message, field });
  });

  it('checks the ignore before the assignee', () => {
    expect(badInputOf({ ignore: { forever: true }, assignee: {} }).field).toBe('ignore');
  });
});

describe('planStatusChange', () => {
  const release = { id: 3, version: 'web@2.0' };

  it('RESOLVED resolves now; an issue already resolved stays as it is, whenever it was resolved', () => {
    expect(planStatusChange(unresolved, plan({ status: IssueStatusChange.RESOLVED }), null, NOW)).toEqual({
      changes: resolvedNow,
      activity: { type: 'set_resolved', data: {} },
    });
    const resolvedEarlier = { ...unresolved, ...resolvedNow, resolvedAt: new Date('2026-01-01T00:00:00Z') };
    expect(planStatusChange(resolvedEarlier, plan({ status: IssueStatusChange.RESOLVED }), null, NOW)).toBeNull();
  });

  it('RESOLVED_IN_NEXT_RELEASE waits for the release after the latest one, or resolves now without any', () => {
    const next = plan({ status: IssueStatusChange.RESOLVED_IN_NEXT_RELEASE });
    expect(planStatusChange(unresolved, next, release, NOW)).toEqual({
      changes: { ...resolvedNow, resolution: 'in_next_release', resolvedInReleaseId: 3 },
      activity: { type: 'set_resolved_in_next_release', data: { version: 'web@2.0' } },
    });
    expect(planStatusChange(unresolved, next, null, NOW)?.activity).toEqual({ type: 'set_resolved', data: {} });
  });

  it('UNRESOLVED clears the resolution and makes the issue ongoing; nothing to do when it already is', () => {
    const resolved = { ...unresolved, ...resolvedNow, resolvedInReleaseId: 3, resolution: 'in_next_release' as const };
    expect(planStatusChange(resolved, plan({ status: IssueStatusChange.UNRESOLVED }), null, NOW)).toEqual({
      changes: { status: 'unresolved', substatus: 'ongoing', resolution: null, resolvedAt: null, resolvedInReleaseId: null, ignoreUntil: null, ignoreUntilTimesSeen: null },
      activity: { type: 'set_unresolved', data: {} },
    });
    expect(planStatusChange(unresolved, plan({ status: IssueStatusChange.UNRESOLVED }), null, NOW)).toBeNull();
  });

  it('IGNORED forever, for minutes (until a time) or for a count (on top of times seen, capped to int4)', () => {
    const ignored = (ignore: IssueUpdateInput['ignore'], issue = unresolved) =>
      planStatusChange(issue, plan({ status: IssueStatusChange.IGNORED, ignore }), null, NOW);
    expect(ignored(null)).toEqual({
      changes: { status: 'ignored', substatus: null, resolution: null, resolvedAt: null, resolvedInReleaseId: null, ignoreUntil: null, ignoreUntilTimesSeen: null },
      activity: { type: 'set_ignored', data: {} },
    });
    expect(ignored({ forMinutes: 90 })).toMatchObject({
      changes: { ignoreUntil: new Date('2026-11-15T13:30:00.000Z'), ignoreUntilTimesSeen: null },
      activity: { data: { ignoreDuration: 90, ignoreUntil: '2026-11-15T13:30:00.000Z' } },
    });
    expect(ignored({ untilCount: 10 })).toMatchObject({ changes: { ignoreUntilTimesSeen: 17 }, activity: { data: { ignoreCount: 10 } } });
    expect(ignored({ untilCount: 1_000_000_000 }, { ...unresolved, timesSeen: 2_000_000_000 })?.changes.ignoreUntilTimesSeen).toBe(2_147_483_647);
  });

  it('without a status, there is no status change', () => {
    expect(planStatusChange(unresolved, plan({ isBookmarked: true }), release, NOW)).toBeNull();
  });
});

describe('planAssigneeChange', () => {
  const user = { type: 'user' as const, user: { id: 5, email: 'jo@example.com' } };
  const team = { type: 'team' as const, team: { id: 9, slug: 'backend' } };

  it('assigns to a user or a team, naming them in the activity', () => {
    expect(planAssigneeChange(unresolved, { assignee: user })).toEqual({
      changes: { assigneeUserId: 5, assigneeTeamId: null },
      activity: { type: 'assigned', data: { assignee: '5', assigneeType: 'user', assigneeEmail: 'jo@example.com' } },
    });
    expect(planAssigneeChange({ ...unresolved, assigneeUserId: 5 }, { assignee: team })).toEqual({
      changes: { assigneeUserId: null, assigneeTeamId: 9 },
      activity: { type: 'assigned', data: { assignee: '9', assigneeType: 'team', teamSlug: 'backend' } },
    });
  });

  it('null unassigns; the same assignee again, or no assignee in the plan, changes nothing', () => {
    expect(planAssigneeChange({ ...unresolved, assigneeTeamId: 9 }, { assignee: null })).toEqual({
      changes: { assigneeUserId: null, assigneeTeamId: null },
      activity: { type: 'unassigned', data: {} },
    });
    expect(planAssigneeChange(unresolved, { assignee: null })).toBeNull();
    expect(planAssigneeChange({ ...unresolved, assigneeUserId: 5 }, { assignee: user })).toBeNull();
    expect(planAssigneeChange({ ...unresolved, assigneeUserId: 5 }, {})).toBeNull();
  });
});

describe('planShareChange', () => {
  const ids = ['a'.repeat(32), 'b'.repeat(32)];
  const next = () => ids.shift()!;

  it('shares with a fresh id, unshares by dropping it, and leaves the state alone when it already holds', () => {
    expect(planShareChange(unresolved, plan({ isPublic: true }), next)).toEqual({ changes: { shareId: 'a'.repeat(32) }, activity: { type: 'set_public', data: {} } });
    const shared = { ...unresolved, shareId: 'c'.repeat(32) };
    expect(planShareChange(shared, plan({ isPublic: true }), next)).toBeNull();
    expect(planShareChange(shared, plan({ isPublic: false }), next)).toEqual({ changes: { shareId: null }, activity: { type: 'set_private', data: {} } });
    expect(planShareChange(unresolved, plan({ isPublic: false }), next)).toBeNull();
    expect(planShareChange(unresolved, plan({}), next)).toBeNull();
  });
});
