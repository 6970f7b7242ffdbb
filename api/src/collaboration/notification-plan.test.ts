import { describe, expect, it } from 'vitest';
import { SubscriptionReason } from '../issues/subscription-reason.js';
import type { NotificationSettings } from '../users/notification-settings.service.js';
import { planRecipients, type Person } from './notification-plan.js';

const ALL_ON: NotificationSettings = {
  deployEmails: true,
  commentEmails: true,
  assignmentEmails: true,
  resolutionEmails: true,
  regressionEmails: true,
  mentionEmails: true,
  ownActivityEmails: false,
};
const person = (userId: number, settings: Partial<NotificationSettings> = {}): Person => ({
  userId,
  email: `u${userId}@example.com`,
  name: `U${userId}`,
  settings: { ...ALL_ON, ...settings },
});

describe('planRecipients', () => {
  it('a comment: mentioned people get the mention email, other subscribers the comment email, the author nothing', () => {
    const plan = planRecipients('note', {
      actorUserId: 1,
      mentioned: [{ ...person(2), teamSlug: null }, { ...person(3), teamSlug: 'ops' }],
      subscribers: [
        { ...person(1), reason: SubscriptionReason.COMMENTED },
        { ...person(2), reason: SubscriptionReason.MENTIONED },
        { ...person(4), reason: SubscriptionReason.BOOKMARKED },
      ],
    });
    expect(plan.map((r) => [r.userId, r.kind, r.reason])).toEqual([
      [2, 'mention', 'You receive this because you were mentioned.'],
      [3, 'mention', 'You receive this because your team #ops was mentioned.'],
      [4, 'comment', 'You receive this because you bookmarked this issue.'],
    ]);
  });

  it('a mentioned person with mention emails off gets no email about that comment at all', () => {
    const plan = planRecipients('note', {
      actorUserId: 1,
      mentioned: [{ ...person(2, { mentionEmails: false }), teamSlug: null }],
      subscribers: [{ ...person(2, { mentionEmails: false }), reason: SubscriptionReason.MENTIONED }],
    });
    expect(plan).toEqual([]);
  });

  it('respects per-kind settings and the opt-in for one\'s own activity', () => {
    const plan = planRecipients('set_resolved', {
      actorUserId: 1,
      mentioned: [],
      subscribers: [
        { ...person(1, { ownActivityEmails: true }), reason: SubscriptionReason.STATUS_CHANGE },
        { ...person(2, { resolutionEmails: false }), reason: SubscriptionReason.EXPLICIT },
        { ...person(3), reason: SubscriptionReason.COMMITTED },
      ],
    });
    expect(plan.map((r) => [r.userId, r.kind])).toEqual([
      [1, 'resolution'],
      [3, 'resolution'],
    ]);
  });

  it('kinds nobody is emailed about (bookmarks, first seen) have no recipients', () => {
    expect(planRecipients('bookmarked', { actorUserId: 1, mentioned: [], subscribers: [{ ...person(2), reason: SubscriptionReason.EXPLICIT }] })).toEqual([]);
  });
});
