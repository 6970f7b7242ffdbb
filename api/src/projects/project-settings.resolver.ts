import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Project } from './project.entity.js';
import {
  effectiveSettings,
  updateDataScrubbing,
  updateInboundFilters,
  updateProjectRateLimit,
} from './project-settings.service.js';
import { DataScrubbingInput, InboundFiltersInput, ProjectSettings } from './project-settings.types.js';
import { projectAccess } from './project-access.js';

@Resolver(() => Project)
export class ProjectSettingsResolver {
  @Authorized()
  @FieldResolver(() => ProjectSettings, { description: 'Data scrubbing, inbound filters and the project-wide quota.' })
  async settings(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<ProjectSettings> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return effectiveSettings(project);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Changes data scrubbing; takes effect at ingestion within seconds.' })
  async updateProjectDataScrubbing(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => DataScrubbingInput) input: DataScrubbingInput,
  ): Promise<Project> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    return updateDataScrubbing(ctx.app.db, ctx.app.pubsub, access, project, input);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Changes inbound filters; takes effect at ingestion within seconds.' })
  async updateProjectInboundFilters(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => InboundFiltersInput) input: InboundFiltersInput,
  ): Promise<Project> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    return updateInboundFilters(ctx.app.db, ctx.app.pubsub, access, project, input);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Sets the project-wide event quota; a null or 0 count removes it.' })
  async updateProjectRateLimit(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('count', () => Int, { nullable: true, description: 'Events per window; null or 0 removes the quota.' }) count: number | null,
    @Arg('window', () => Int, { nullable: true, description: 'Seconds (1-86400); needed with a count.' }) window: number | null,
  ): Promise<Project> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    return updateProjectRateLimit(ctx.app.db, ctx.app.pubsub, access, project, count, window);
  }
}
