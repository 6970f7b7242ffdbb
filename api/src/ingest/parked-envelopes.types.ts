import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Parked envelopes that failed with one reason.' })
export class ParkedEnvelopeReason {
  @Field({ description: 'The error message of the last attempt (shortened).' })
  reason!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Date)
  firstParkedAt!: Date;

  @Field(() => Date)
  lastParkedAt!: Date;
}

@ObjectType({
  description:
    'Accepted envelopes whose processing failed on every attempt: kept, not stored as events, until retried (retryParkedEnvelopes).',
})
export class ParkedEnvelopes {
  @Field(() => Int)
  count!: number;

  @Field(() => Date, { nullable: true })
  firstParkedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastParkedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the oldest parked envelope was received.' })
  firstReceivedAt!: Date | null;

  @Field(() => [ParkedEnvelopeReason], { description: 'The most frequent reasons first (at most 20).' })
  reasons!: ParkedEnvelopeReason[];
}
