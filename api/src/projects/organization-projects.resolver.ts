import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from './project.entity.js';

const ProjectConnection = Connection(Project, 'Project');

@Resolver(() => Organization)
export class OrganizationProjectsResolver {
  @Authorized()
  @FieldResolver(() => ProjectConnection)
  async projects(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ConnectionArgs) {
    await ctx.access.organizationById(org.id, 'project:read');
    const query = ctx.app.db
      .getRepository(Project)
      .createQueryBuilder('p')
      .where("p.organization_id = :orgId AND p.status = 'active'", { orgId: org.id });
    return paginateKeyset(query, args, { sortColumn: 'p.slug', sortType: 'text', idColumn: 'p.id', direction: 'ASC' });
  }

  @Authorized()
  @FieldResolver(() => Project, { nullable: true })
  async project(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('slug') slug: string): Promise<Project | null> {
    await ctx.access.organizationById(org.id, 'project:read');
    return ctx.app.db.getRepository(Project).findOneBy({ organizationId: org.id, slug, status: 'active' });
  }
}
