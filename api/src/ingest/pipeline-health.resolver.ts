import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { organizationPipelineHealth } from './pipeline-health.service.js';
import { PipelineHealth } from './pipeline-health.types.js';

@Resolver(() => Organization)
export class PipelineHealthResolver {
  @Authorized()
  @FieldResolver(() => PipelineHealth, { description: 'The ingest pipeline of this organization: backlog, parked envelopes, recent outcomes.' })
  async pipelineHealth(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<PipelineHealth> {
    await ctx.access.organizationById(org.id, 'project:read');
    return organizationPipelineHealth(ctx.app.db, org.id);
  }
}
