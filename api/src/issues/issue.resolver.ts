import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { EventAttachmentType, EventType } from '../events/event-graphql.types.js';
import { issueEvents, latestEventIn } from '../events/event.service.js';
import { Connection, ConnectionArgs, mapConnection } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Project } from '../projects/project.entity.js';
import { ReleaseType } from '../releases/release.types.js';
import type { Team } from '../teams/team.entity.js';
import { UserType } from '../users/user.types.js';
import { issueActivity, parseFrequencyPeriod, parseIssueQuery } from './issue.service.js';
import { environmentFrequency, tagDistributions } from './issue-environment-stats.js';
import { IssueEventsArgs } from './issue-views.types.js';
import { formatShortId } from './short-id.js';
import {
  ActivityNodeType,
  AssigneeUnion,
  FrequencyPointType,
  IssueType,
  TagDistributionType,
  TagValueCountType,
} from './issue.types.js';
import { requireEventRead } from '../events/event-access.js';
import { attachmentsByEvent, latestEventByIssue } from '../events/event.loaders.js';
import { frequencyByIssue, isBookmarked, isSubscribed } from './issue.loaders.js';
import { projectById } from '../projects/project.loaders.js';
import { releaseById } from '../releases/release.loaders.js';
import { teamById } from '../teams/team.loaders.js';
import { userById } from '../users/user.loaders.js';

export const EventConnection = Connection(EventType, 'Event');
const ActivityConnection = Connection(ActivityNodeType, 'Activity');

/** Fields of Issue that need more than the issue row; lists load them in batches (DataLoaders). */
@Resolver(() => IssueType)
export class IssueResolver {
  @FieldResolver(() => String, { description: 'e.g. WEB-1F: the project slug upper-cased and the issue number.' })
  async shortId(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<string> {
    return formatShortId((await this.project(ctx, issue)).slug, issue.shortIdNumber);
  }

  @FieldResolver(() => Project)
  async project(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<Project> {
    const project = await ctx.loaders.get(projectById).load(issue.projectId);
    if (!project) throw new Error(`Project ${issue.projectId} of issue ${issue.id} is missing`);
    return project;
  }

  @FieldResolver(() => Boolean, { description: 'Bookmarked by you.' })
  async isBookmarked(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<boolean> {
    return ctx.loaders.get(isBookmarked).load({ issueId: issue.id, userId: ctx.access.requireViewer().user.id });
  }

  @FieldResolver(() => Boolean, { description: 'You get notified about it.' })
  async isSubscribed(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<boolean> {
    return ctx.loaders.get(isSubscribed).load({ issueId: issue.id, userId: ctx.access.requireViewer().user.id });
  }

  @FieldResolver(() => ReleaseType, { nullable: true })
  async firstRelease(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<ReleaseType | null> {
    return this.release(ctx, issue.firstReleaseId);
  }

  @FieldResolver(() => ReleaseType, { nullable: true })
  async lastRelease(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<ReleaseType | null> {
    return this.release(ctx, issue.lastReleaseId);
  }

  @FieldResolver(() => ReleaseType, { nullable: true, description: 'For resolution IN_NEXT_RELEASE: the release current at resolution.' })
  async resolvedInRelease(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<ReleaseType | null> {
    return this.release(ctx, issue.resolvedInReleaseId);
  }

  @FieldResolver(() => AssigneeUnion, { nullable: true })
  async assignee(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<UserType | Team | null> {
    if (issue.assigneeUserId !== null) {
      const user = await ctx.loaders.get(userById).load(issue.assigneeUserId);
      return user ? UserType.from(user) : null;
    }
    if (issue.assigneeTeamId !== null) return (await ctx.loaders.get(teamById).load(issue.assigneeTeamId)) ?? null;
    return null;
  }

  @FieldResolver(() => EventType, { nullable: true })
  async latestEvent(
    @Ctx() ctx: GraphQLContext,
    @Root() issue: IssueType,
    @Arg('environment', () => String, { nullable: true, description: 'The newest of this environment.' }) environment: string | null,
  ): Promise<EventType | null> {
    await requireEventRead(ctx, issue.projectId);
    const row = environment ? await latestEventIn(ctx.app.db, issue.id, environment) : await ctx.loaders.get(latestEventByIssue).load(issue.id);
    return row ? EventType.from(row) : null;
  }

  @FieldResolver(() => [EventAttachmentType], { description: 'Attachments of the latest event.' })
  async attachments(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<EventAttachmentType[]> {
    await requireEventRead(ctx, issue.projectId);
    const row = await ctx.loaders.get(latestEventByIssue).load(issue.id);
    if (!row) return [];
    return (await ctx.loaders.get(attachmentsByEvent).load({ projectId: row.projectId, eventId: row.eventId })).map(EventAttachmentType.from);
  }

  @FieldResolver(() => EventConnection, { description: 'Newest first; searchable with the search language (tags, message, release, environment, user).' })
  async events(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType, @Args() args: IssueEventsArgs) {
    await requireEventRead(ctx, issue.projectId);
    const { organizationId } = await this.project(ctx, issue);
    const filter = { organizationId, search: parseIssueQuery(args.query), environment: args.environment ?? null };
    return mapConnection(await issueEvents(ctx.app.db, issue.id, args, filter), EventType.from);
  }

  @FieldResolver(() => [TagDistributionType], { description: 'Without key: every tag key, each with its top values.' })
  async tags(
    @Ctx() ctx: GraphQLContext,
    @Root() issue: IssueType,
    @Arg('key', () => String, { nullable: true }) key: string | null,
    @Arg('limit', () => Int, { defaultValue: 10, description: 'Top values per key (1-100).' }) limit: number,
    @Arg('environment', () => String, { nullable: true, description: 'Counted over the events of this environment.' }) environment: string | null,
  ): Promise<TagDistributionType[]> {
    await requireEventRead(ctx, issue.projectId);
    const distributions = await tagDistributions(ctx.app.db, issue.id, key ?? null, limit, environment);
    return distributions.map((d) =>
      Object.assign(new TagDistributionType(), { ...d, topValues: d.topValues.map((v) => Object.assign(new TagValueCountType(), v)) }),
    );
  }

  @FieldResolver(() => [FrequencyPointType], { description: 'Events per hour (24h) or per UTC day (30d), oldest first, zero-filled.' })
  async frequency(
    @Ctx() ctx: GraphQLContext,
    @Root() issue: IssueType,
    @Arg('period', () => String, { defaultValue: '24h', description: '"24h" or "30d".' }) period: string,
    @Arg('environment', () => String, { nullable: true, description: 'Counted over the events of this environment.' }) environment: string | null,
  ): Promise<FrequencyPointType[]> {
    const parsed = parseFrequencyPeriod(period);
    const points = environment
      ? await environmentFrequency(ctx.app.db, issue.id, parsed, environment)
      : await ctx.loaders.get(frequencyByIssue).load({ issueId: issue.id, period: parsed });
    return points.map((point) => Object.assign(new FrequencyPointType(), point));
  }

  @FieldResolver(() => ActivityConnection, { description: 'Newest first.' })
  async activity(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType, @Args() args: ConnectionArgs) {
    return mapConnection(await issueActivity(ctx.app.db, issue.id, args), ActivityNodeType.from);
  }

  private async release(ctx: GraphQLContext, id: number | null): Promise<ReleaseType | null> {
    const release = id === null ? undefined : await ctx.loaders.get(releaseById).load(id);
    return release ? ReleaseType.from(release) : null;
  }
}

@Resolver(() => ActivityNodeType)
export class ActivityResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who did it; null when Vigil did.' })
  async user(@Ctx() ctx: GraphQLContext, @Root() activity: ActivityNodeType): Promise<UserType | null> {
    const user = activity.userId === null ? undefined : await ctx.loaders.get(userById).load(activity.userId);
    return user ? UserType.from(user) : null;
  }
}
