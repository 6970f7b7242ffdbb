import { Arg, Authorized, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedStream } from '../graphql/subscriptions.js';
import { ChangeKind } from '../projects/project.types.js';
import { Release } from './release.entity.js';
import { ReleaseType } from './release.types.js';

@ObjectType({ description: 'A release created, changed (fields, projects, commits) or deleted.' })
export class ReleaseChange {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID)
  releaseId!: number;

  @Field()
  version!: string;

  @Field(() => ReleaseType, { nullable: true, description: 'The release as it is now; null once deleted.' })
  release!: ReleaseType | null;
}

@Resolver()
export class ReleaseLiveResolver {
  @Authorized()
  @Subscription(() => ReleaseChange, {
    description: 'Releases of an organization being created, changed or deleted.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { organization } = await ctx.access.organizationBySlug(args.organizationSlug as string, 'project:read');
      return authorizedStream(
        ctx.app.pubsub.subscribe('releaseChanged'),
        (event) => event.organizationId === organization.id,
        () => ctx.access.organizationById(organization.id, 'project:read'),
        ctx.access,
      );
    },
  })
  async releaseChanged(
    @Ctx() ctx: GraphQLContext,
    @Root() event: Topics['releaseChanged'],
    @Arg('organizationSlug') _organizationSlug: string,
  ): Promise<ReleaseChange> {
    // Read fresh: a subscription keeps one context (and its loaders) for its whole life.
    const release = event.kind === 'deleted' ? null : await ctx.app.db.getRepository(Release).findOneBy({ id: event.releaseId, organizationId: event.organizationId });
    return Object.assign(new ReleaseChange(), {
      kind: event.kind as ChangeKind,
      releaseId: event.releaseId,
      version: event.version,
      release: release ? ReleaseType.from(release) : null,
    });
  }
}
