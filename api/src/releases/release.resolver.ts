import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, mapConnection, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Issue } from '../issues/issue.entity.js';
import { IssueType } from '../issues/issue.types.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { releaseHealthFor } from '../projects/project-stats.service.js';
import { ReleaseHealth } from '../projects/project-stats.types.js';
import { UserType } from '../users/user.types.js';
import { Release } from './release.entity.js';
import {
  releaseAuthors,
  releaseCommitCount,
  releaseCommits,
  releaseDeploys,
  releaseFilesChanged,
  releaseProjectIds,
} from './release-overview.service.js';
import { CommitAuthorType, CommitType, DeployType, FileChangeType } from './release-overview.types.js';
import { ReleaseType } from './release.types.js';

const ReleaseConnection = Connection(ReleaseType, 'Release');

@ArgsType()
class ReleaseListArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Part of the version, case-insensitive.' })
  query?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only releases of these project slugs.' })
  projects?: string[] | null;
}

export function commitToType(commit: { id: number; key: string; message: string; authorName: string | null; authorEmail: string | null; dateAdded: Date }, repository: { name: string; provider: string; url: string | null }): CommitType {
  const github = repository.provider.includes('github') && repository.url ? `${repository.url.replace(/\/+$/, '')}/commit/${commit.key}` : null;
  return Object.assign(new CommitType(), {
    id: commit.id,
    sha: commit.key,
    shortSha: commit.key.slice(0, 7),
    message: commit.message,
    title: commit.message.split('\n')[0] ?? '',
    author: Object.assign(new CommitAuthorType(), { name: commit.authorName, email: commit.authorEmail, user: null }),
    repository: repository.name,
    url: github,
    dateCreated: commit.dateAdded,
  });
}

@Resolver(() => Organization)
export class OrganizationReleasesResolver {
  @Authorized()
  @FieldResolver(() => ReleaseConnection, { description: 'Releases, newest first.' })
  async releases(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ReleaseListArgs) {
    await ctx.access.organizationById(org.id, 'project:read');
    const query = ctx.app.db.getRepository(Release).createQueryBuilder('r').where('r.organization_id = :orgId', { orgId: org.id });
    if (args.query) query.andWhere('r.version ILIKE :q', { q: `%${args.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (args.projects?.length) {
      query.andWhere(
        `r.id IN (SELECT rp.release_id FROM release_project rp JOIN project p ON p.id = rp.project_id WHERE p.organization_id = :orgId AND p.slug IN (:...slugs))`,
        { slugs: args.projects },
      );
    }
    const page = await paginateKeyset(query, args, { sortColumn: 'r.date_created', sortType: 'timestamptz', idColumn: 'r.id', direction: 'DESC' });
    return mapConnection(page, ReleaseType.from);
  }

  @Authorized()
  @FieldResolver(() => ReleaseType, { nullable: true })
  async release(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('version') version: string): Promise<ReleaseType | null> {
    await ctx.access.organizationById(org.id, 'project:read');
    const release = await ctx.app.db.getRepository(Release).findOneBy({ organizationId: org.id, version });
    return release ? ReleaseType.from(release) : null;
  }
}

/** The release overview: everything hangs off a release the caller could already load. */
@Resolver(() => ReleaseType)
export class ReleaseResolver {
  /** The release row, once per request however many fields ask (the parent already authorized it). */
  private async entity(ctx: GraphQLContext, release: ReleaseType): Promise<Release> {
    await ctx.access.organizationById(release.organizationId, 'project:read');
    const row = await ctx.loaders.releaseById.load(release.id);
    if (!row) throw new Error(`Release ${release.id} is missing`);
    return row;
  }

  @FieldResolver(() => [Project])
  async projects(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<Project[]> {
    const ids = await releaseProjectIds(ctx.app.db, (await this.entity(ctx, release)).id);
    return (await ctx.loaders.projectById.loadMany(ids)).filter((p): p is Project => p instanceof Project);
  }

  @FieldResolver(() => Int)
  async commitCount(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<number> {
    return releaseCommitCount(ctx.app.db, (await this.entity(ctx, release)).id);
  }

  @FieldResolver(() => [CommitType], { description: 'Newest first.' })
  async commits(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<CommitType[]> {
    const entity = await this.entity(ctx, release);
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
    const authors = await releaseAuthors(ctx.app.db, await this.entity(ctx, release));
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
    const rows = await releaseFilesChanged(ctx.app.db, (await this.entity(ctx, release)).id, { path, type }, Math.min(Math.max(first, 1), 5000));
    return rows.map((r) => Object.assign(new FileChangeType(), r));
  }

  @FieldResolver(() => [IssueType], { description: 'Issues first seen in this release.' })
  async newIssues(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<IssueType[]> {
    return this.issues(ctx, release, 'first_release_id', first);
  }

  @FieldResolver(() => [IssueType], { description: 'Issues resolved in this release (by a "Fixes" commit or by hand).' })
  async resolvedIssues(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<IssueType[]> {
    return this.issues(ctx, release, 'resolved_in_release_id', first);
  }

  @FieldResolver(() => [DeployType], { description: 'Newest first.' })
  async deploys(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
  ): Promise<DeployType[]> {
    const deploys = await releaseDeploys(ctx.app.db, (await this.entity(ctx, release)).id, environment);
    return deploys.map((d) => Object.assign(new DeployType(), d));
  }

  @FieldResolver(() => DeployType, { nullable: true })
  async lastDeploy(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<DeployType | null> {
    const [latest] = await releaseDeploys(ctx.app.db, (await this.entity(ctx, release)).id, null);
    return latest ? Object.assign(new DeployType(), latest) : null;
  }

  @FieldResolver(() => [ReleaseHealth], { description: 'Crash-free sessions and users, per project of the release.' })
  async health(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
  ): Promise<ReleaseHealth[]> {
    const entity = await this.entity(ctx, release);
    const projectIds = await releaseProjectIds(ctx.app.db, entity.id);
    return releaseHealthFor(ctx.app.db, projectIds, [entity.version], { environment });
  }

  private async issues(ctx: GraphQLContext, release: ReleaseType, column: 'first_release_id' | 'resolved_in_release_id', first: number): Promise<IssueType[]> {
    const entity = await this.entity(ctx, release);
    const issues = await ctx.app.db
      .getRepository(Issue)
      .createQueryBuilder('i')
      .innerJoin('project', 'p', "p.id = i.project_id AND p.status = 'active' AND p.organization_id = :orgId", { orgId: entity.organizationId })
      .where(`i.${column} = :releaseId`, { releaseId: entity.id })
      .orderBy('i.last_seen', 'DESC')
      .limit(Math.min(Math.max(first, 1), 1000))
      .getMany();
    return issues.map(IssueType.from);
  }
}
