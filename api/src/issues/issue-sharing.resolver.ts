import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { shareUrl } from './issue-sharing.js';
import { IssueType } from './issue.types.js';

/** Whether an issue is shared, and its public link (members only: the link is the secret). */
@Resolver(() => IssueType)
export class IssueSharingResolver {
  @FieldResolver(() => Boolean, { description: 'Shared publicly through `shareUrl`.' })
  isPublic(@Root() issue: IssueType): boolean {
    return issue.shareId !== null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Opens a scrubbed view of the issue without signing in; null when not shared.' })
  shareUrl(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): string | null {
    return issue.shareId ? shareUrl(ctx.app.config.publicUrl, issue.shareId) : null;
  }
}
