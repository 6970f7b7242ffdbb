import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "What lies between an SDK's 200 and the event showing up, for one organization's projects." })
export class PipelineHealth {
  @Field(() => Int, { description: 'Accepted envelopes waiting to be processed.' })
  queuedEnvelopes!: number;

  @Field(() => Int, { description: 'Age of the oldest waiting envelope in seconds; 0 when none waits.' })
  oldestQueuedSeconds!: number;

  @Field(() => Int, { description: 'Envelopes that failed processing repeatedly and were set aside for inspection.' })
  parkedEnvelopes!: number;

  @Field(() => Int, { description: 'Events stored in the current and the previous hour (hourly outcome buckets).' })
  processedLastHour!: number;

  @Field(() => Int, { description: 'Events dropped by inbound filters in the same period (the SDK still got 200).' })
  filteredLastHour!: number;

  @Field(() => Int, { description: 'Events refused by rate limits in the same period.' })
  rateLimitedLastHour!: number;

  @Field(() => Int, { description: 'Events refused as invalid (or duplicates) in the same period.' })
  invalidLastHour!: number;

  @Field({ description: 'Processing lags more than a minute, or envelopes were parked.' })
  degraded!: boolean;
}
