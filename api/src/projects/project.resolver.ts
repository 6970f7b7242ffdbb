import type { OrganizationRef } from '../auth/access.js';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { authorizedStream } from '../graphql/subscriptions.js';
import { Organization } from '../organizations/organization.entity.js';
import { dsnFor } from './project-key.service.js';
import { ProjectKey } from './project-key.entity.js';
import { Project } from './project.entity.js';
import { createProject, requestProjectDeletion, updateProject } from './project.service.js';
import { ChangeKind, CreateProjectInput, ProjectChange, UpdateProjectInput } from './project.types.js';
import { keysByProject } from './project.loaders.js';
import { projectAccess } from './project-access.js';

@Resolver(() => Project)
export class ProjectResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The DSN of the first active key, for SDK set-up.' })
  async dsn(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<string | null> {
    const key = (await ctx.loaders.get(keysByProject).load(project.id)).find((k) => k.isActive);
    return key ? dsnFor(ctx.app.config.publicUrl, key.publicKey, project.id) : null;
  }

  @Authorized()
  @FieldResolver(() => [ProjectKey], { description: 'Client keys (DSNs).' })
  async keys(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<ProjectKey[]> {
    return ctx.loaders.get(keysByProject).load(project.id);
  }

  @Authorized()
  @FieldResolver(() => Organization)
  async organization(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<OrganizationRef> {
    return (await ctx.access.organizationById(project.organizationId, 'org:read')).organization;
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Creates a project with a first DSN key.' })
  async createProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('input') input: CreateProjectInput,
  ): Promise<Project> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'project:write');
    return createProject(ctx.app.db, ctx.app.pubsub, access, input, ctx.setUpProject);
  }

  @Authorized()
  @Mutation(() => Project)
  async updateProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateProjectInput,
  ): Promise<Project> {
    const { access, project } = await projectAccess(ctx, parseId(id, 'Project'), 'project:write');
    return updateProject(ctx.app.db, ctx.app.pubsub, access, project, input, ctx.app.queue);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'The project disappears at once; its data is removed in the background.' })
  async deleteProject(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const { access, project } = await projectAccess(ctx, parseId(id, 'Project'), 'project:admin');
    await requestProjectDeletion(ctx.app.db, ctx.app.queue, access, project);
    return true;
  }

  @Authorized()
  @Subscription(() => ProjectChange, {
    description: 'Projects of an organization being created, changed or deleted.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { organization } = await ctx.access.organizationBySlug(args.organizationSlug as string, 'project:read');
      return authorizedStream(
        ctx.app.pubsub.subscribe('projectChanged'),
        (event) => event.organizationId === organization.id,
        () => ctx.access.organizationById(organization.id, 'project:read'),
        ctx.access,
      );
    },
  })
  async projectChanged(
    @Ctx() ctx: GraphQLContext,
    @Root() event: Topics['projectChanged'],
    @Arg('organizationSlug') _organizationSlug: string,
  ): Promise<ProjectChange> {
    const project =
      event.kind === 'deleted'
        ? null
        : await ctx.app.db.getRepository(Project).findOneBy({ id: event.projectId, organizationId: event.organizationId, status: 'active' });
    return Object.assign(new ProjectChange(), { kind: event.kind as ChangeKind, projectId: event.projectId, project });
  }
}
