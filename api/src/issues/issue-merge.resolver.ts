import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { badInput } from '../errors.js';
import { issueAccess } from './issue-access.js';
import { mergeIssues, unmergeIssue } from './issue-merge.service.js';
import { IssueType } from './issue.types.js';

@Resolver()
export class IssueMergeResolver {
  @Authorized()
  @Mutation(() => IssueType, { description: 'Merges the issues (of one project) into the one with the most events; returns it.' })
  async mergeIssues(@Ctx() ctx: GraphQLContext, @Arg('issueIds', () => [ID]) issueIds: string[]): Promise<IssueType> {
    const ids = issueIds.map((id) => parseId(id, 'Issue'));
    if (ids.length === 0) throw badInput('Merge needs at least two issues', 'issueIds');
    // The organization is the first issue's; the service finds every other one in it, or NOT_FOUND.
    const { access } = await issueAccess(ctx, ids[0]!, 'event:write');
    ctx.loaders.clear();
    return IssueType.from(await mergeIssues(ctx.app.db, ctx.app, access, ids));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'Splits these grouping hashes, with their events, off the issue into a new issue; returns the new issue.' })
  async unmergeIssue(
    @Ctx() ctx: GraphQLContext,
    @Arg('issueId', () => ID) issueId: string,
    @Arg('hashes', () => [String]) hashes: string[],
  ): Promise<IssueType> {
    const { access, issue } = await issueAccess(ctx, parseId(issueId, 'Issue'), 'event:write');
    return IssueType.from(await unmergeIssue(ctx.app.db, ctx.app, access, issue.id, hashes));
  }
}
