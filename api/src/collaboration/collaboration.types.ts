import { Field, ID, ObjectType } from 'type-graphql';
import { SubscriptionReason } from '../issues/subscription-reason.js';
import type { Mention } from './mention.entity.js';

@ObjectType('Mention', { description: 'A member a comment mentioned, by name or through a mentioned team.' })
export class MentionType {
  @Field(() => ID) id!: number;
  @Field() dateCreated!: Date;
  // Resolved by MentionResolver.
  activityId!: number;
  issueId!: number;
  userId!: number;
  teamId!: number | null;

  static from(row: Mention): MentionType {
    const { id, dateCreated, activityId, issueId, userId, teamId } = row;
    return Object.assign(new MentionType(), { id, dateCreated, activityId, issueId, userId, teamId });
  }
}

@ObjectType('IssueSubscription', { description: 'Whether you get workflow notifications about an issue, and why.' })
export class IssueSubscriptionType {
  @Field() isSubscribed!: boolean;

  @Field(() => SubscriptionReason, { nullable: true, description: 'Why you are subscribed; null when you are not.' })
  reason!: SubscriptionReason | null;
}
