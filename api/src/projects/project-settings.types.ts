import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Server-side data scrubbing, applied to every event before it is stored.' })
export class DataScrubbing {
  @Field({ description: 'Key- and value-based scrubbing on or off (IP removal is separate).' })
  enabled!: boolean;

  @Field({ description: 'Use the built-in sensitive key list and the credit-card and URL-password rules.' })
  scrubDefaults!: boolean;

  @Field(() => [String], { description: 'More key substrings to filter (case-insensitive; "-", "_" and spaces ignored).' })
  sensitiveFields!: string[];

  @Field(() => [String], { description: 'Key names never scrubbed, with everything under them.' })
  safeFields!: string[];

  @Field({ description: 'Remove user.ip_address, REMOTE_ADDR and client-IP headers.' })
  scrubIpAddresses!: boolean;
}

@ObjectType({ description: 'Inbound data filters: matching events are dropped at ingestion and counted as filtered.' })
export class InboundFilters {
  @Field()
  legacyBrowsers!: boolean;

  @Field()
  browserExtensions!: boolean;

  @Field()
  webCrawlers!: boolean;

  @Field()
  localhost!: boolean;

  @Field(() => [String], { description: 'Globs matched against "Type: value" of each exception and the message.' })
  errorMessages!: string[];

  @Field(() => [String], { description: "Globs matched against the event's release." })
  releases!: string[];
}

@ObjectType({ description: 'An event quota: at most `count` events per `window` seconds.' })
export class RateLimit {
  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Seconds.' })
  window!: number;
}

@ObjectType({ description: "A project's effective settings: the defaults merged with what was changed." })
export class ProjectSettings {
  @Field(() => DataScrubbing)
  scrubbing!: DataScrubbing;

  @Field(() => InboundFilters)
  inboundFilters!: InboundFilters;

  @Field(() => RateLimit, { nullable: true, description: 'Project-wide quota (keys may have stricter ones); null: none.' })
  rateLimit!: RateLimit | null;
}

@InputType({ description: 'Fields left out (or null) keep their current value.' })
export class DataScrubbingInput {
  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  scrubDefaults?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'At most 100 names of at most 200 characters.' })
  sensitiveFields?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'At most 100 names of at most 200 characters.' })
  safeFields?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  scrubIpAddresses?: boolean | null;
}

@InputType({ description: 'Fields left out (or null) keep their current value.' })
export class InboundFiltersInput {
  @Field(() => Boolean, { nullable: true })
  legacyBrowsers?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  browserExtensions?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  webCrawlers?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  localhost?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'At most 100 globs of at most 200 characters; [] turns the filter off.' })
  errorMessages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'At most 100 globs of at most 200 characters; [] turns the filter off.' })
  releases?: string[] | null;
}
