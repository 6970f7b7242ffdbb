import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError } from '../errors.js';
import { Connection, ConnectionArgs, mapConnection, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Activity } from '../issues/activity.entity.js';
import { issueById } from '../issues/issue.loaders.js';
import { ActivityNodeType, IssueType } from '../issues/issue.types.js';
import { Team } from '../teams/team.entity.js';
import { teamById } from '../teams/team.loaders.js';
import { userById } from '../users/user.loaders.js';
import { UserType, ViewerType } from '../users/user.types.js';
import { mentionsByActivity, subscriptionOf } from './collaboration.loaders.js';
import { IssueSubscriptionType, MentionType } from './collaboration.types.js';
import { Mention } from './mention.entity.js';

const MentionConnection = Connection(MentionType, 'Mention');

@Resolver(() => IssueType)
export class IssueCollaborationResolver {
  @FieldResolver(() => IssueSubscriptionType, { description: 'Your subscription to the issue and its reason.' })
  async subscription(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<IssueSubscriptionType> {
    const row = await ctx.loaders.get(subscriptionOf).load({ issueId: issue.id, userId: ctx.access.requireViewer().user.id });
    return Object.assign(new IssueSubscriptionType(), { isSubscribed: row?.isActive ?? false, reason: row?.isActive ? row.reason : null });
  }
}

@Resolver(() => ActivityNodeType)
export class ActivityMentionsResolver {
  @FieldResolver(() => [MentionType], { description: 'Members the comment mentioned (NOTE only; empty otherwise).' })
  async mentions(@Ctx() ctx: GraphQLContext, @Root() activity: ActivityNodeType): Promise<MentionType[]> {
    if (activity.type !== 'note') return [];
    return (await ctx.loaders.get(mentionsByActivity).load(activity.id)).map(MentionType.from);
  }
}

@Resolver(() => MentionType)
export class MentionResolver {
  @FieldResolver(() => UserType, { description: 'Who was mentioned.' })
  async user(@Ctx() ctx: GraphQLContext, @Root() mention: MentionType): Promise<UserType> {
    const user = await ctx.loaders.get(userById).load(mention.userId);
    if (!user) throw new Error(`User ${mention.userId} of mention ${mention.id} is missing`);
    return UserType.from(user);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team mentioned, when the member was reached through it.' })
  async team(@Ctx() ctx: GraphQLContext, @Root() mention: MentionType): Promise<Team | null> {
    return mention.teamId === null ? null : ((await ctx.loaders.get(teamById).load(mention.teamId)) ?? null);
  }

  @FieldResolver(() => IssueType)
  async issue(@Ctx() ctx: GraphQLContext, @Root() mention: MentionType): Promise<IssueType> {
    const issue = await ctx.loaders.get(issueById).load(mention.issueId);
    if (!issue) throw new AppError('NOT_FOUND', 'Issue not found');
    return IssueType.from(issue);
  }

  @FieldResolver(() => ActivityNodeType, { description: 'The comment.' })
  async activity(@Ctx() ctx: GraphQLContext, @Root() mention: MentionType): Promise<ActivityNodeType> {
    const row = await ctx.app.db.getRepository(Activity).findOneByOrFail({ id: mention.activityId });
    return ActivityNodeType.from(row);
  }
}

@Resolver(() => ViewerType)
export class ViewerMentionsResolver {
  @Authorized()
  @FieldResolver(() => MentionConnection, { description: 'Comments that mentioned you (or your team), newest first.' })
  async mentions(@Ctx() ctx: GraphQLContext, @Root() viewer: ViewerType, @Args() args: ConnectionArgs) {
    const readable: number[] = [];
    for (const id of await ctx.access.organizationIds()) {
      try {
        await ctx.access.organizationById(id, 'event:read');
        readable.push(id);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
      }
    }
    const query = ctx.app.db
      .getRepository(Mention)
      .createQueryBuilder('m')
      .where('m.user_id = :userId', { userId: viewer.id })
      .andWhere(
        `m.issue_id IN (SELECT i.id FROM issue i JOIN project p ON p.id = i.project_id AND p.status = 'active' WHERE p.organization_id = ANY(:readable))`,
        { readable },
      );
    const page = await paginateKeyset(query, args, { sortColumn: 'm.date_created', sortType: 'timestamptz', idColumn: 'm.id', direction: 'DESC' });
    return mapConnection(page, MentionType.from);
  }
}
