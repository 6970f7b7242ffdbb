import { Arg, Authorized, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedStream, loadEach } from '../graphql/subscriptions.js';
import { Deploy } from './deploy.entity.js';
import { DeployType } from './deploy.types.js';

@Resolver()
export class DeployLiveResolver {
  @Authorized()
  @Subscription(() => DeployType, {
    description: 'Deploys recorded for the releases of an organization.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { organization } = await ctx.access.organizationBySlug(args.organizationSlug as string, 'project:read');
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('deployCreated'),
        (event) => event.organizationId === organization.id,
        () => ctx.access.organizationById(organization.id, 'project:read'),
        ctx.access,
      );
      return loadEach(stream, async (event: Topics['deployCreated']) => {
        const deploy = await ctx.app.db.getRepository(Deploy).findOneBy({ id: event.deployId, organizationId: event.organizationId });
        return deploy ? DeployType.from(deploy) : null;
      });
    },
  })
  deployCreated(@Root() deploy: DeployType, @Arg('organizationSlug') _organizationSlug: string): DeployType {
    return deploy;
  }
}
