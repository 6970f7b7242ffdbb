import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { projectAccess } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { parkedEnvelopeSummary, retryParkedEnvelopes } from './parked-envelopes.service.js';
import { ParkedEnvelopes } from './parked-envelopes.types.js';

/** Parked envelopes are for the people who can act on them: project admins. */
@Resolver(() => Project)
export class ParkedEnvelopesResolver {
  @Authorized()
  @FieldResolver(() => ParkedEnvelopes, { description: 'Accepted envelopes that failed processing repeatedly (needs project:admin).' })
  async parkedEnvelopes(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<ParkedEnvelopes> {
    const access = await ctx.access.organizationById(project.organizationId, 'project:admin');
    return parkedEnvelopeSummary(ctx.app.db, access, project.id);
  }

  @Authorized()
  @Mutation(() => Int, { description: "Moves the project's parked envelopes back to the ingest queue; returns how many." })
  async retryParkedEnvelopes(@Ctx() ctx: GraphQLContext, @Arg('projectId', () => ID) projectId: string): Promise<number> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:admin');
    return retryParkedEnvelopes(ctx.app.db, ctx.app.pubsub, access, project.id);
  }
}
