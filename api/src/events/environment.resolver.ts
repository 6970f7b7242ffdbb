import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { environmentsOf } from './environments.js';

@Resolver(() => Organization)
export class OrganizationEnvironmentsResolver {
  @Authorized()
  @FieldResolver(() => [String], { description: 'Environments events came from, in all projects or in `projects`, sorted by name.' })
  async environments(
    @Ctx() ctx: GraphQLContext,
    @Root() org: Organization,
    @Arg('projects', () => [ID], { nullable: true }) projects: string[] | null,
  ): Promise<string[]> {
    await ctx.access.organizationById(org.id, 'project:read');
    const ids = projects && projects.length > 0 ? projects.map((id) => parseId(id, 'Project')) : null;
    return environmentsOf(ctx.app.db, org.id, ids);
  }
}

@Resolver(() => Project)
export class ProjectEnvironmentsResolver {
  @Authorized()
  @FieldResolver(() => [String], { description: 'Environments this project\'s events came from, sorted by name.' })
  async environments(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<string[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return environmentsOf(ctx.app.db, project.organizationId, [project.id]);
  }
}
