import type { OrganizationRef } from '../auth/access.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MemberRole } from '../auth/scopes.js';
import { Connection, ConnectionArgs, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { createOrganization, requestOrganizationDeletion, updateOrganization } from './organization.service.js';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.types.js';

const MemberConnection = Connection(Membership, 'Member');

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized()
  @Query(() => Organization, { description: 'An organization you are a member of; NOT_FOUND otherwise.' })
  async organization(@Ctx() ctx: GraphQLContext, @Arg('slug') slug: string): Promise<OrganizationRef> {
    return (await ctx.access.organizationBySlug(slug, 'org:read')).organization;
  }

  @Authorized()
  @FieldResolver(() => MemberRole, { description: "The viewer's role here." })
  async viewerRole(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<MemberRole> {
    return (await ctx.access.organizationById(org.id, 'org:read')).membership.role;
  }

  @Authorized()
  @FieldResolver(() => MemberConnection)
  async members(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ConnectionArgs) {
    await ctx.access.organizationById(org.id, 'member:read');
    const query = ctx.app.db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.organization_id = :orgId', { orgId: org.id });
    return paginateKeyset(query, args, { sortColumn: 'm.id', sortType: 'integer', idColumn: 'm.id', direction: 'ASC' });
  }

  @Authorized()
  @Mutation(() => Organization, { description: 'Creates an organization with you as its owner.' })
  async createOrganization(@Ctx() ctx: GraphQLContext, @Arg('input') input: CreateOrganizationInput): Promise<Organization> {
    const viewer = ctx.access.requireTokenScope('org:write');
    const organization = await createOrganization(ctx.app.db, viewer, input);
    ctx.access.invalidate();
    return organization;
  }

  @Authorized()
  @Mutation(() => Organization)
  async updateOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('slug') slug: string,
    @Arg('input') input: UpdateOrganizationInput,
  ): Promise<OrganizationRef> {
    const access = await ctx.access.organizationBySlug(slug, 'org:write');
    const organization = await updateOrganization(ctx.app.db, access, input);
    ctx.access.invalidate();
    return organization;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Owners only. The organization disappears at once; its data is removed in the background.' })
  async deleteOrganization(@Ctx() ctx: GraphQLContext, @Arg('slug') slug: string): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(slug, 'org:admin');
    await requestOrganizationDeletion(ctx.app.db, ctx.app.queue, access);
    return true;
  }
}
