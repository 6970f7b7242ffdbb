import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { EventType } from '../events/event-graphql.types.js';
import { ConnectionArgs, PageInfo } from '../graphql/connection.js';
import { TagValueCountType } from './issue.types.js';

@ArgsType()
export class IssueEventsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Event search: tags (`browser:Chrome`), `message:`, `release:`, `environment:`, `user.email:`, free text.' })
  query?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events of this environment.' })
  environment?: string | null;
}

@ObjectType('IssueEnvironmentStats', { description: "An issue's numbers in one environment (counted from its stored events)." })
export class IssueEnvironmentStatsType {
  @Field() environment!: string;
  @Field(() => Int, { description: 'Number of events.' }) count!: number;
  @Field(() => Int, { description: 'Number of distinct affected users.' }) userCount!: number;
  @Field(() => Date, { nullable: true }) firstSeen!: Date | null;
  @Field(() => Date, { nullable: true }) lastSeen!: Date | null;
}

@ObjectType('TagValueEdge')
class TagValueEdgeType {
  @Field(() => TagValueCountType) node!: TagValueCountType;
  @Field() cursor!: string;
}

@ObjectType('TagValueConnection', { description: 'Values of one tag key, most frequent first.' })
export class TagValueConnectionType {
  @Field(() => [TagValueEdgeType]) edges!: TagValueEdgeType[];
  @Field(() => [TagValueCountType]) nodes!: TagValueCountType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Distinct values.' }) totalCount!: number;
  @Field(() => Int, { description: 'Events that had the tag: what each count is a share of.' }) totalEvents!: number;
}

@ObjectType('GroupHash', { description: 'A grouping hash of an issue: events with it as primary hash join the issue.' })
export class GroupHashType {
  @Field() hash!: string;
  @Field(() => Int, { description: 'Stored events with this primary hash.' }) eventCount!: number;
  @Field(() => EventType, { nullable: true }) latestEvent!: EventType | null;
}
