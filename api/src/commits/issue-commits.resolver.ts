import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Commit } from './commit.entity.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Membership } from '../organizations/membership.entity.js';
import { CommitType, commitToType } from './commit.types.js';
import { Repository } from '../repositories/repository.entity.js';
import { IssueType } from '../issues/issue.types.js';
import { suggestAssignees } from '../issues/suggested-assignees.js';
import { projectById } from '../projects/project.loaders.js';

@ObjectType('SuggestedAssignee', { description: 'A member whose recent commits touched files in the issue\'s stack trace.' })
class SuggestedAssigneeType {
  @Field(() => Membership)
  member!: Membership;

  @Field()
  reason!: string;

  @Field(() => [CommitType])
  commits!: CommitType[];
}

/** Commit-related fields of an issue: the commits that fix it and who probably should. */
@Resolver(() => IssueType)
export class IssueCommitsResolver {
  @FieldResolver(() => [CommitType], { description: 'Commits whose message says they fix this issue.' })
  async commits(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<CommitType[]> {
    const commits = await ctx.app.db
      .getRepository(Commit)
      .createQueryBuilder('c')
      .innerJoin('issue_commit', 'ic', 'ic.commit_id = c.id AND ic.issue_id = :issueId', { issueId: issue.id })
      .orderBy('c.date_added', 'DESC')
      .getMany();
    return this.withRepositories(ctx, commits);
  }

  @FieldResolver(() => [SuggestedAssigneeType], { description: 'Best first: matching frames, then recency.' })
  async suggestedAssignees(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<SuggestedAssigneeType[]> {
    const suggestions = await suggestAssignees(ctx.app.db, issue);
    if (suggestions.length === 0) return [];
    const project = await ctx.loaders.get(projectById).load(issue.projectId);
    const members = await ctx.app.db
      .getRepository(Membership)
      .findBy({ organizationId: project!.organizationId, userId: In(suggestions.map((s) => s.userId)) });
    const commits = await ctx.app.db.getRepository(Commit).findBy({ id: In(suggestions.flatMap((s) => s.commits.map((c) => c.id))) });
    const typed = new Map((await this.withRepositories(ctx, commits)).map((c) => [c.id, c]));
    return suggestions.flatMap((s) => {
      const member = members.find((m) => m.userId === s.userId);
      if (!member) return [];
      return [Object.assign(new SuggestedAssigneeType(), { member, reason: s.reason, commits: s.commits.flatMap((c) => typed.get(c.id) ?? []) })];
    });
  }

  private async withRepositories(ctx: GraphQLContext, commits: Commit[]): Promise<CommitType[]> {
    const repositories = await ctx.app.db.getRepository(Repository).findBy({ id: In([...new Set(commits.map((c) => c.repositoryId))]) });
    const byId = new Map(repositories.map((r) => [r.id, r]));
    return commits.flatMap((c) => {
      const repository = byId.get(c.repositoryId);
      return repository ? [commitToType(c, repository)] : [];
    });
  }
}
