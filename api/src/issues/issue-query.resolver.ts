import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import { badInput } from '../errors.js';
import { Connection, mapConnection } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { authorizedStream, loadEach } from '../graphql/subscriptions.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { Issue } from './issue.entity.js';
import { findIssueInOrganization, listIssues, scopeProjects } from './issue.service.js';
import { IssueListArgs, IssueType, OrganizationIssueListArgs } from './issue.types.js';
import { issueAccess } from './issue-access.js';
import { issueNamedBy } from './issue-jump.js';
import { projectAccess } from '../projects/project-access.js';
import { projectById } from '../projects/project.loaders.js';

export const IssueConnection = Connection(IssueType, 'Issue', { cappedCount: true });

/**
 * Each delivered event is re-read under fresh loaders: a subscription keeps one context for its
 * whole life, and cached rows (assignee, bookmarks) would otherwise go stale.
 */
async function loadIssueFresh(ctx: GraphQLContext, event: { issueId: number; projectId: number }): Promise<IssueType | null> {
  ctx.loaders.clear();
  const issue = await ctx.app.db.getRepository(Issue).findOneBy({ id: event.issueId, projectId: event.projectId });
  return issue ? IssueType.from(issue) : null;
}

@Resolver(() => Organization)
export class OrganizationIssueResolver {
  @Authorized()
  @FieldResolver(() => IssueConnection, { description: 'Issues of the organization\'s projects matching a search.' })
  async issues(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: OrganizationIssueListArgs) {
    const access = await ctx.access.organizationById(org.id, 'event:read');
    const projects = await scopeProjects(ctx.app.db, access, args.projects);
    // The nodes' shortId and project read these rows instead of loading them again.
    for (const project of projects) ctx.loaders.get(projectById).prime(project.id, project);
    const scope = { organizationId: org.id, projectIds: projects.map((p) => p.id), viewerId: access.viewer.user.id };
    return mapConnection(await listIssues(ctx.app.db, scope, args, args), IssueType.from);
  }

  @Authorized()
  @FieldResolver(() => IssueType, { description: 'By short id (WEB-1F) or numeric id; NOT_FOUND when not in this organization.' })
  async issue(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('shortId') shortId: string): Promise<IssueType> {
    await ctx.access.organizationById(org.id, 'event:read');
    const issue = await findIssueInOrganization(ctx.app.db, org.id, shortId);
    if (issue.project) ctx.loaders.get(projectById).prime(issue.project.id, issue.project);
    return IssueType.from(issue);
  }

  @Authorized()
  @FieldResolver(() => IssueType, { nullable: true, description: 'The issue a whole search names: a short id (WEB-3) or an event id; null for other searches.' })
  async issueJump(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('query') query: string): Promise<IssueType | null> {
    await ctx.access.organizationById(org.id, 'event:read');
    const issue = await issueNamedBy(ctx.app.db, org.id, query);
    return issue ? IssueType.from(issue) : null;
  }
}

@Resolver(() => Project)
export class ProjectIssueResolver {
  @Authorized()
  @FieldResolver(() => IssueConnection, { description: 'Issues matching a search; a bare event id finds that event\'s issue.' })
  async issues(@Ctx() ctx: GraphQLContext, @Root() project: Project, @Args() args: IssueListArgs) {
    const access = await ctx.access.organizationById(project.organizationId, 'event:read');
    const scope = { organizationId: project.organizationId, projectIds: [project.id], viewerId: access.viewer.user.id };
    return mapConnection(await listIssues(ctx.app.db, scope, args, args), IssueType.from);
  }
}

@Resolver(() => IssueType)
export class IssueSubscriptionResolver {
  @Authorized()
  @Subscription(() => IssueType, {
    description: 'New issues of a project.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { project } = await projectAccess(ctx, parseId(args.projectId as string, 'Project'), 'event:read');
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('issueCreated'),
        (event) => event.projectId === project.id,
        () => projectAccess(ctx, project.id, 'event:read'),
        ctx.access,
      );
      return loadEach(stream, (event: Topics['issueCreated']) => loadIssueFresh(ctx, event));
    },
  })
  issueCreated(@Root() issue: IssueType, @Arg('projectId', () => ID) _projectId: string): IssueType {
    return issue;
  }

  @Authorized()
  @Subscription(() => IssueType, {
    description: 'Changes to the issues of a project, or to one issue: pass exactly one of projectId and issueId.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { projectId, issueId } = args as { projectId?: string | null; issueId?: string | null };
      if ((projectId == null) === (issueId == null)) throw badInput('Pass exactly one of projectId and issueId', 'projectId');
      const { project, issue } =
        issueId != null
          ? await issueAccess(ctx, parseId(issueId, 'Issue'), 'event:read')
          : { ...(await projectAccess(ctx, parseId(projectId!, 'Project'), 'event:read')), issue: null };
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('issueUpdated'),
        (event) => event.projectId === project.id && (issue === null || event.issueId === issue.id),
        () => projectAccess(ctx, project.id, 'event:read'),
        ctx.access,
      );
      return loadEach(stream, (event: Topics['issueUpdated']) => loadIssueFresh(ctx, event));
    },
  })
  issueUpdated(
    @Root() issue: IssueType,
    @Arg('projectId', () => ID, { nullable: true }) _projectId: string | null,
    @Arg('issueId', () => ID, { nullable: true }) _issueId: string | null,
  ): IssueType {
    return issue;
  }
}
