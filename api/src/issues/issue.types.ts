import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { ConnectionArgs } from '../graphql/connection.js';
import { Team } from '../teams/team.entity.js';
import { UserType } from '../users/user.types.js';
import type { Activity, ActivityType } from './activity.entity.js';
import type { Issue } from './issue.entity.js';

export enum IssueStatusValue {
  UNRESOLVED = 'unresolved',
  RESOLVED = 'resolved',
  IGNORED = 'ignored',
  PENDING_DELETION = 'pending_deletion',
}
registerEnumType(IssueStatusValue, {
  name: 'IssueStatus',
  valuesConfig: { PENDING_DELETION: { description: 'Deleted: hidden from lists while its events are removed (deleteIssues).' } },
});

export enum IssueSubstatusValue {
  NEW = 'new',
  ONGOING = 'ongoing',
  REGRESSED = 'regressed',
  ESCALATING = 'escalating',
}
registerEnumType(IssueSubstatusValue, { name: 'IssueSubstatus', description: 'Finer state of an unresolved issue.' });

export enum ResolutionValue {
  NOW = 'now',
  IN_NEXT_RELEASE = 'in_next_release',
  IN_RELEASE = 'in_release',
}
registerEnumType(ResolutionValue, { name: 'IssueResolution', description: 'How a resolved issue was resolved.' });

export enum IssueSort {
  LAST_SEEN = 'last_seen',
  FIRST_SEEN = 'first_seen',
  FREQUENCY = 'frequency',
  USERS = 'users',
}
registerEnumType(IssueSort, {
  name: 'IssueSort',
  description: 'Always descending: most recent, most events or most users first.',
  valuesConfig: { FREQUENCY: { description: 'By number of events.' }, USERS: { description: 'By number of affected users.' } },
});

/** Mirrors ActivityType; the Record makes the compiler ask for a value when a type is added. */
const ACTIVITY_KINDS: Record<ActivityType, string> = {
  first_seen: 'FIRST_SEEN',
  note: 'NOTE',
  set_resolved: 'SET_RESOLVED',
  set_resolved_in_next_release: 'SET_RESOLVED_IN_NEXT_RELEASE',
  set_resolved_in_release: 'SET_RESOLVED_IN_RELEASE',
  set_resolved_in_commit: 'SET_RESOLVED_IN_COMMIT',
  set_unresolved: 'SET_UNRESOLVED',
  set_ignored: 'SET_IGNORED',
  set_regression: 'SET_REGRESSION',
  assigned: 'ASSIGNED',
  unassigned: 'UNASSIGNED',
  bookmarked: 'BOOKMARKED',
  unbookmarked: 'UNBOOKMARKED',
  set_public: 'SET_PUBLIC',
  set_private: 'SET_PRIVATE',
  deleted: 'DELETED',
  merge: 'MERGE',
  unmerge: 'UNMERGE',
};
export const ActivityKind = Object.fromEntries(Object.entries(ACTIVITY_KINDS).map(([value, name]) => [name, value]));
registerEnumType(ActivityKind, { name: 'ActivityType' });

@ObjectType('IssueMetadata', { description: 'What issue lists show under the title.' })
export class IssueMetadataType {
  @Field(() => String, { nullable: true, description: 'Exception type, e.g. TypeError.' }) type?: string;
  @Field(() => String, { nullable: true, description: 'Exception value (message).' }) value?: string;
  @Field(() => String, { nullable: true }) filename?: string;
  @Field(() => String, { nullable: true }) function?: string;
}

@ObjectType('Issue', { description: 'A group of similar events: what people triage.' })
export class IssueType {
  @Field(() => ID) id!: number;
  @Field() title!: string;
  @Field({ description: 'Where it happened, e.g. "app/cart in addItem".' }) culprit!: string;
  @Field() level!: string;
  @Field() platform!: string;
  @Field(() => IssueStatusValue) status!: IssueStatusValue;
  @Field(() => IssueSubstatusValue, { nullable: true }) substatus!: IssueSubstatusValue | null;
  @Field(() => ResolutionValue, { nullable: true }) resolution!: ResolutionValue | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Ignored until then (ignore for a duration).' }) ignoreUntil!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Ignored until `count` reaches this.' }) ignoreUntilTimesSeen!: number | null;
  @Field(() => Int, { name: 'count', description: 'Number of events.' }) timesSeen!: number;
  @Field(() => Int, { description: 'Number of distinct affected users.' }) userCount!: number;
  @Field() firstSeen!: Date;
  @Field() lastSeen!: Date;
  @Field(() => IssueMetadataType) metadata!: IssueMetadataType;
  // Resolved through loaders by IssueResolver.
  projectId!: number;
  shortIdNumber!: number;
  firstReleaseId!: number | null;
  lastReleaseId!: number | null;
  resolvedInReleaseId!: number | null;
  assigneeUserId!: number | null;
  assigneeTeamId!: number | null;
  // Resolved by IssueSharingResolver.
  shareId!: string | null;

  static from(issue: Issue): IssueType {
    return Object.assign(new IssueType(), issue, {
      status: issue.status as IssueStatusValue,
      substatus: issue.substatus as IssueSubstatusValue | null,
      resolution: issue.resolution as ResolutionValue | null,
      metadata: Object.assign(new IssueMetadataType(), issue.metadata),
    });
  }
}

export const AssigneeUnion = createUnionType({
  name: 'Assignee',
  description: 'Who an issue is assigned to: a member or a team.',
  types: () => [UserType, Team] as const,
  resolveType: (value) => (value instanceof Team ? Team : UserType),
});

@ObjectType('TagValueCount')
export class TagValueCountType {
  @Field() value!: string;
  @Field(() => Int, { description: 'Events with this value.' }) count!: number;
  @Field() firstSeen!: Date;
  @Field() lastSeen!: Date;
}

@ObjectType('TagDistribution', { description: 'How often each value of one tag was seen on an issue.' })
export class TagDistributionType {
  @Field() key!: string;
  @Field(() => Int, { description: 'Events that had the tag.' }) totalValues!: number;
  @Field(() => Int, { description: 'Distinct values seen.' }) uniqueValues!: number;
  @Field(() => [TagValueCountType], { description: 'Most frequent first.' }) topValues!: TagValueCountType[];
}

@ObjectType('FrequencyPoint')
export class FrequencyPointType {
  @Field({ description: 'Start of the bucket (hour or UTC day).' }) time!: Date;
  @Field(() => Int) count!: number;
}

@ObjectType('Activity', { description: 'One entry of an issue\'s history.' })
export class ActivityNodeType {
  @Field(() => ID) id!: number;
  @Field(() => ActivityKind) type!: ActivityType;
  @Field(() => GraphQLJSONObject, { description: 'Details, e.g. the assignee or the release.' }) data!: Record<string, unknown>;
  @Field() dateCreated!: Date;
  // Resolved by IssueResolver: null when Vigil did it.
  userId!: number | null;

  static from(row: Activity): ActivityNodeType {
    const { id, type, data, dateCreated, userId } = row;
    return Object.assign(new ActivityNodeType(), { id, type, data, dateCreated, userId });
  }
}

@ArgsType()
export class IssueListArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Issue search, e.g. `is:unresolved assigned:me level:error`.' })
  query?: string | null;

  @Field(() => IssueSort, { defaultValue: IssueSort.LAST_SEEN })
  sort!: IssueSort;

  @Field(() => String, { nullable: true, description: 'Only issues seen in this environment.' })
  environment?: string | null;

  @Field(() => String, { nullable: true, description: 'Only issues seen in this period, e.g. 24h, 14d.' })
  statsPeriod?: string | null;
}

@ArgsType()
export class OrganizationIssueListArgs extends IssueListArgs {
  @Field(() => [ID], { nullable: true, description: 'Limit to these projects (default: all).' })
  projects?: string[] | null;
}
