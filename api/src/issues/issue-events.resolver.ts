import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import { EventRow } from '../events/event.entity.js';
import { EventType } from '../events/event-graphql.types.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { authorizedStream, loadEach } from '../graphql/subscriptions.js';
import { projectAccess } from '../projects/project-access.js';
import { issueAccess } from './issue-access.js';
import { issueById } from './issue.loaders.js';
import { IssueType } from './issue.types.js';

/** An event's issue, and the live stream of an issue's new events. */
@Resolver(() => EventType)
export class IssueEventsResolver {
  @FieldResolver(() => IssueType)
  async issue(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<IssueType> {
    const issue = await ctx.loaders.get(issueById).load(event.issueId);
    if (!issue) throw new Error(`Issue ${event.issueId} of event ${event.eventId} is missing`);
    return IssueType.from(issue);
  }

  @Authorized()
  @Subscription(() => EventType, {
    description: 'Events stored on an issue.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { project, issue } = await issueAccess(ctx, parseId(args.issueId as string, 'Issue'), 'event:read');
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('eventReceived'),
        (event) => event.issueId === issue.id,
        () => projectAccess(ctx, project.id, 'event:read'),
        ctx.access,
      );
      return loadEach(stream, async (event: Topics['eventReceived']) => {
        ctx.loaders.clear(); // one context for the subscription's whole life: start afresh
        const row = await ctx.app.db.getRepository(EventRow).findOneBy({ projectId: event.projectId, eventId: event.eventId });
        return row && row.issueId === issue.id ? EventType.from(row) : null;
      });
    },
  })
  eventReceived(@Root() event: EventType, @Arg('issueId', () => ID) _issueId: string): EventType {
    return event;
  }
}
