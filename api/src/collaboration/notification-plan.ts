/**
 * Who is emailed about one activity and why, decided without the database: the activity's kind,
 * the people it mentions and the active subscribers (current members, with their
 * settings) in, one recipient per person out. Never the person who acted, unless they asked for
 * their own activity; never a kind the person turned off.
 */
import type { ActivityType } from '../issues/activity.entity.js';
import { SubscriptionReason } from '../issues/subscription-reason.js';
import type { NotificationSettings } from '../users/notification-settings.service.js';

export type NotificationKind = 'mention' | 'comment' | 'assignment' | 'resolution' | 'regression';

const SETTING_OF: Record<NotificationKind, keyof NotificationSettings> = {
  mention: 'mentionEmails',
  comment: 'commentEmails',
  assignment: 'assignmentEmails',
  resolution: 'resolutionEmails',
  regression: 'regressionEmails',
};

export function kindOf(type: ActivityType): Exclude<NotificationKind, 'mention'> | null {
  switch (type) {
    case 'note':
      return 'comment';
    case 'assigned':
      return 'assignment';
    case 'set_resolved':
    case 'set_resolved_in_next_release':
    case 'set_resolved_in_release':
    case 'set_resolved_in_commit':
      return 'resolution';
    case 'set_regression':
      return 'regression';
    default:
      return null;
  }
}

export interface Person {
  userId: number;
  email: string;
  name: string;
  settings: NotificationSettings;
}

export interface Candidates {
  actorUserId: number | null;
  /** People the comment mentions; teamSlug when reached through a team. */
  mentioned: (Person & { teamSlug: string | null })[];
  subscribers: (Person & { reason: SubscriptionReason })[];
}

export interface Recipient extends Person {
  kind: NotificationKind;
  /** The sentence that says why this email reaches them. */
  reason: string;
}

const REASONS: Record<SubscriptionReason, string> = {
  [SubscriptionReason.COMMENTED]: 'you commented on this issue',
  [SubscriptionReason.ASSIGNED]: 'this issue was assigned to you or your team',
  [SubscriptionReason.BOOKMARKED]: 'you bookmarked this issue',
  [SubscriptionReason.STATUS_CHANGE]: 'you changed the status of this issue',
  [SubscriptionReason.MENTIONED]: 'you were mentioned in a comment on this issue',
  [SubscriptionReason.TEAM_MENTIONED]: 'your team was mentioned in a comment on this issue',
  [SubscriptionReason.COMMITTED]: 'you authored a commit that fixes this issue',
  [SubscriptionReason.DEPLOY]: 'a deploy shipped your commits for this issue',
  [SubscriptionReason.EXPLICIT]: 'you subscribed to this issue',
};

export const reasonSentence = (reason: SubscriptionReason): string => `You receive this because ${REASONS[reason]}.`;

export function planRecipients(type: ActivityType, candidates: Candidates): Recipient[] {
  const kind = kindOf(type);
  if (!kind) return [];
  const wants = (person: Person, as: NotificationKind) =>
    person.settings[SETTING_OF[as]] && (person.userId !== candidates.actorUserId || person.settings.ownActivityEmails);
  const recipients = new Map<number, Recipient>();
  // Someone the comment mentions hears of it as a mention or not at all (mention emails off).
  const mentioned = new Set(kind === 'comment' ? candidates.mentioned.map((p) => p.userId) : []);
  if (kind === 'comment') {
    for (const person of candidates.mentioned) {
      if (!wants(person, 'mention')) continue;
      const reason = person.teamSlug
        ? `You receive this because your team #${person.teamSlug} was mentioned.`
        : 'You receive this because you were mentioned.';
      recipients.set(person.userId, { ...person, kind: 'mention', reason });
    }
  }
  for (const person of candidates.subscribers) {
    if (mentioned.has(person.userId) || !wants(person, kind)) continue;
    recipients.set(person.userId, { ...person, kind, reason: reasonSentence(person.reason) });
  }
  return [...recipients.values()];
}
