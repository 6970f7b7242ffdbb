import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedRelease } from '../releases/release.loaders.js';
import { ReleaseType } from '../releases/release.types.js';
import { UserType } from '../users/user.types.js';
import { CommitAuthorType, CommitType, commitToType, FileChangeType } from './commit.types.js';
import { releaseAuthors, releaseCommitCount, releaseCommits, releaseFilesChanged } from './release-commit-queries.js';

/** What went into a release: its commits, their authors and the files they changed. */
@Resolver(() => ReleaseType)
export class ReleaseCommitsResolver {
  @FieldResolver(() => Int)
  async commitCount(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<number> {
    return releaseCommitCount(ctx.app.db, (await authorizedRelease(ctx, release)).id);
  }

  @FieldResolver(() => [CommitType], { description: 'Newest first.' })
  async commits(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<CommitType[]> {
    const entity = await authorizedRelease(ctx, release);
    const commits = await releaseCommits(ctx.app.db, entity, Math.min(Math.max(first, 1), 1000));
    const authors = await releaseAuthors(ctx.app.db, entity);
    const userByEmail = new Map(authors.filter((a) => a.email && a.user).map((a) => [a.email!, a.user!]));
    return commits.map((c) => {
      const type = commitToType(c, c.repository);
      const user = c.authorEmail ? userByEmail.get(c.authorEmail) : undefined;
      if (user) type.author.user = UserType.from(user);
      return type;
    });
  }

  @FieldResolver(() => [CommitAuthorType])
  async authors(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<CommitAuthorType[]> {
    const authors = await releaseAuthors(ctx.app.db, await authorizedRelease(ctx, release));
    return authors.map((a) => Object.assign(new CommitAuthorType(), { name: a.name, email: a.email, user: a.user ? UserType.from(a.user) : null }));
  }

  @FieldResolver(() => [FileChangeType])
  async filesChanged(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('path', () => String, { nullable: true, description: 'Part of the path.' }) path: string | null,
    @Arg('type', () => String, { nullable: true, description: 'A, M or D.' }) type: string | null,
    @Arg('first', () => Int, { defaultValue: 500 }) first: number,
  ): Promise<FileChangeType[]> {
    const rows = await releaseFilesChanged(ctx.app.db, (await authorizedRelease(ctx, release)).id, { path, type }, Math.min(Math.max(first, 1), 5000));
    return rows.map((r) => Object.assign(new FileChangeType(), r));
  }
}
