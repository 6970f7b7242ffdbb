import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';

/** Values are the service's group keys (project-stats.service.ts OutcomeGroupKey). */
export enum OutcomeGroupBy {
  HOUR = 'hour',
  OUTCOME = 'outcome',
  REASON = 'reason',
  CATEGORY = 'category',
}

registerEnumType(OutcomeGroupBy, { name: 'OutcomeGroupBy' });

/** Values are what the outcome table stores. */
export enum OutcomeType {
  ACCEPTED = 'accepted',
  FILTERED = 'filtered',
  RATE_LIMITED = 'rate_limited',
  INVALID = 'invalid',
  CLIENT_DISCARD = 'client_discard',
}

registerEnumType(OutcomeType, {
  name: 'OutcomeType',
  description: 'What happened to something an SDK sent: stored, dropped by an inbound filter or a quota, ' +
    'refused as malformed, or discarded by the SDK itself (reported in client reports).',
});

@ObjectType({ description: 'A sum of outcome counters; fields not grouped by are null.' })
export class OutcomeCount {
  @Field(() => Date, { nullable: true, description: 'Start of the UTC hour.' })
  hour!: Date | null;

  @Field(() => OutcomeType, { nullable: true })
  outcome!: OutcomeType | null;

  @Field(() => String, { nullable: true, description: 'e.g. "release-version", "key_quota", "invalid_json"; "" when there is none.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Sentry data category: error, attachment, session, transaction, …' })
  category!: string | null;

  @Field(() => Float)
  quantity!: number;
}

@ObjectType({ description: 'Outcome counters summed per outcome.' })
export class OutcomeTotals {
  @Field(() => Float)
  accepted!: number;

  @Field(() => Float)
  filtered!: number;

  @Field(() => Float)
  rateLimited!: number;

  @Field(() => Float)
  invalid!: number;

  @Field(() => Float)
  clientDiscarded!: number;
}

@ObjectType({ description: 'Session health of one release (and environment, when asked for one).' })
export class ReleaseHealth {
  @Field()
  release!: string;

  @Field(() => String, { nullable: true, description: 'Null when summed over all environments.' })
  environment!: string | null;

  @Field(() => Float)
  sessions!: number;

  @Field(() => Float)
  crashed!: number;

  @Field(() => Float, { description: 'Sessions that had errors but did not crash.' })
  errored!: number;

  @Field(() => Float)
  abnormal!: number;

  @Field(() => Float, { nullable: true, description: 'Share of sessions that did not crash (0-1); null without sessions.' })
  crashFreeSessions!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of users (distinct session dids) without a crash (0-1); null when no session named a user.',
  })
  crashFreeUsers!: number | null;
}
