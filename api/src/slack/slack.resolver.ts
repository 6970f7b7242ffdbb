import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Organization } from '../organizations/organization.entity.js';
import { ViewerType } from '../users/user.types.js';
import { linkSlackIdentity, slackIdentitiesOf, unlinkSlackIdentity } from './slack-link.service.js';
import { connectSlackWorkspace, disconnectSlackWorkspace, workspaceOfOrganization } from './slack-workspace.service.js';
import { SlackIdentityType, SlackStatusType } from './slack.types.js';

async function statusOf(ctx: GraphQLContext, organizationId: number): Promise<SlackStatusType> {
  const { slack, publicUrl } = ctx.app.config;
  return SlackStatusType.of(Boolean(slack.botToken && slack.signingSecret), `${publicUrl}/slack/events`, await workspaceOfOrganization(ctx.app.db, organizationId));
}

@Resolver(() => Organization)
export class OrganizationSlackResolver {
  @Authorized()
  @FieldResolver(() => SlackStatusType)
  async slack(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<SlackStatusType> {
    await ctx.access.organizationById(org.id, 'org:read');
    return statusOf(ctx, org.id);
  }

  @Authorized()
  @Mutation(() => SlackStatusType, { description: 'Makes this Slack workspace (team id, `T…`) act on the organization, replacing an earlier one. Admins only.' })
  async connectSlackWorkspace(@Ctx() ctx: GraphQLContext, @Arg('organizationSlug') organizationSlug: string, @Arg('teamId') teamId: string): Promise<SlackStatusType> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    await connectSlackWorkspace(ctx.app.db, access, teamId);
    return statusOf(ctx, access.organization.id);
  }

  @Authorized()
  @Mutation(() => SlackStatusType, { description: 'Disconnects the Slack workspace; its commands and clicks stop acting on the organization.' })
  async disconnectSlackWorkspace(@Ctx() ctx: GraphQLContext, @Arg('organizationSlug') organizationSlug: string): Promise<SlackStatusType> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    await disconnectSlackWorkspace(ctx.app.db, access);
    return statusOf(ctx, access.organization.id);
  }
}

@Resolver(() => ViewerType)
export class ViewerSlackResolver {
  @Authorized()
  @FieldResolver(() => [SlackIdentityType], { description: 'Slack users linked to you.' })
  async slackIdentities(@Ctx() ctx: GraphQLContext): Promise<SlackIdentityType[]> {
    const viewer = ctx.access.requireViewer();
    return (await slackIdentitiesOf(ctx.app.db, viewer.user.id)).map(SlackIdentityType.from);
  }

  @Authorized()
  @Mutation(() => SlackIdentityType, { description: 'Links you to the Slack user of a `/vigil link` link (its `token`). Needs a dashboard session.' })
  async linkSlackIdentity(@Ctx() ctx: GraphQLContext, @Arg('token') token: string): Promise<SlackIdentityType> {
    const viewer = ctx.access.requireSession();
    return SlackIdentityType.from(await linkSlackIdentity(ctx.app.db, ctx.app.config, viewer, token));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes one of your Slack links; that Slack user is not linked again by email.' })
  async unlinkSlackIdentity(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const viewer = ctx.access.requireViewer();
    await unlinkSlackIdentity(ctx.app.db, viewer, parseId(id, 'Slack identity'));
    return true;
  }
}
