import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import { AppError, notFound } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { authorizedStream, loadEach } from '../graphql/subscriptions.js';
import { Activity } from '../issues/activity.entity.js';
import { issueAccess } from '../issues/issue-access.js';
import { Issue } from '../issues/issue.entity.js';
import { ActivityNodeType } from '../issues/issue.types.js';
import { projectAccess } from '../projects/project-access.js';
import { addComment, deleteComment, updateComment } from './comment.service.js';
import { MentionType } from './collaboration.types.js';
import { Mention } from './mention.entity.js';

/**
 * The caller's access to a comment's organization, checked like its issue. A comment of another
 * organization is NOT_FOUND exactly like one that does not exist.
 */
async function commentAccess(ctx: GraphQLContext, id: string) {
  const activityId = parseId(id, 'Comment');
  const row = await ctx.app.db.getRepository(Activity).findOneBy({ id: activityId, type: 'note' });
  if (!row) throw notFound('Comment');
  try {
    const { access } = await issueAccess(ctx, row.issueId, 'event:write');
    return { access, activityId };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Comment');
    throw error;
  }
}

@Resolver()
export class CommentResolver {
  @Authorized()
  @Mutation(() => ActivityNodeType, { description: 'Adds a markdown comment (activity NOTE); @name, @email and #team mention members.' })
  async addComment(@Ctx() ctx: GraphQLContext, @Arg('issueId', () => ID) issueId: string, @Arg('text') text: string): Promise<ActivityNodeType> {
    const { access, issue } = await issueAccess(ctx, parseId(issueId, 'Issue'), 'event:write');
    return ActivityNodeType.from(await addComment(ctx.app.db, ctx.app, access, issue, text));
  }

  @Authorized()
  @Mutation(() => ActivityNodeType, { description: 'Changes the text of your comment (admins: any comment).' })
  async updateComment(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('text') text: string): Promise<ActivityNodeType> {
    const { access, activityId } = await commentAccess(ctx, id);
    ctx.loaders.clear();
    return ActivityNodeType.from(await updateComment(ctx.app.db, ctx.app, access, activityId, text));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes your comment (admins: any comment); returns its id.' })
  async deleteComment(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<string> {
    const { access, activityId } = await commentAccess(ctx, id);
    return String((await deleteComment(ctx.app.db, access, activityId)).id);
  }

  @Authorized()
  @Subscription(() => ActivityNodeType, {
    description: 'New entries of an issue\'s activity: comments and every other change.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { project, issue } = await issueAccess(ctx, parseId(args.issueId as string, 'Issue'), 'event:read');
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('activityAdded'),
        (event) => event.issueId === issue.id,
        () => projectAccess(ctx, project.id, 'event:read'),
        ctx.access,
      );
      return loadEach(stream, async (event: Topics['activityAdded']) => {
        ctx.loaders.clear();
        const row = await ctx.app.db.getRepository(Activity).findOneBy({ id: event.activityId, issueId: issue.id });
        return row ? ActivityNodeType.from(row) : null;
      });
    },
  })
  activityAdded(@Root() activity: ActivityNodeType, @Arg('issueId', () => ID) _issueId: string): ActivityNodeType {
    return activity;
  }

  @Authorized()
  @Subscription(() => MentionType, {
    description: 'Your new mentions, in every organization you may read issues of.',
    subscribe: ({ context }) => {
      const ctx = context as GraphQLContext;
      const userId = ctx.access.requireViewer().user.id;
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('mentionReceived'),
        (event) => event.userId === userId,
        async () => undefined,
        ctx.access,
      );
      return loadEach(stream, async (event: Topics['mentionReceived']) => {
        ctx.loaders.clear();
        // Checked per event: the viewer may have left that organization, or read it with a narrower token.
        try {
          await ctx.access.organizationById(event.organizationId, 'event:read');
        } catch (error) {
          if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
          throw error;
        }
        const row = await ctx.app.db
          .getRepository(Mention)
          .createQueryBuilder('m')
          .innerJoin(Issue, 'i', 'i.id = m.issue_id')
          .innerJoin('project', 'p', "p.id = i.project_id AND p.status = 'active' AND p.organization_id = :org", { org: event.organizationId })
          .where('m.id = :id AND m.user_id = :userId', { id: event.mentionId, userId })
          .getOne();
        return row ? MentionType.from(row) : null;
      });
    },
  })
  mentionReceived(@Root() mention: MentionType): MentionType {
    return mention;
  }
}
