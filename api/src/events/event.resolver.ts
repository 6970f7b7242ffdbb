import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Topics } from '../../../schema/src/topics.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { createLoaders } from '../graphql/loaders.js';
import { authorizedStream, loadEach } from '../graphql/subscriptions.js';
import { IssueType } from '../issues/issue.types.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Project } from '../projects/project.entity.js';
import { ReleaseType } from '../releases/release.types.js';
import { EventRow } from './event.entity.js';
import { EventAttachmentType, EventType } from './event-graphql.types.js';
import { attachmentUrl, findEventInOrganization } from './event.service.js';

async function projectOf(ctx: GraphQLContext, projectId: number): Promise<Project> {
  const project = await ctx.loaders.projectById.load(projectId);
  if (!project) throw new Error(`Project ${projectId} is missing`);
  return project;
}

@Resolver(() => EventType)
export class EventResolver {
  @FieldResolver(() => IssueType)
  async issue(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<IssueType> {
    const issue = await ctx.loaders.issueById.load(event.issueId);
    if (!issue) throw new Error(`Issue ${event.issueId} of event ${event.eventId} is missing`);
    return IssueType.from(issue);
  }

  @FieldResolver(() => ReleaseType, { nullable: true })
  async release(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<ReleaseType | null> {
    if (event.releaseVersion === null) return null;
    const { organizationId } = await projectOf(ctx, event.projectId);
    const release = await ctx.loaders.releaseByVersion.load({ organizationId, version: event.releaseVersion });
    return release ? ReleaseType.from(release) : null;
  }

  @FieldResolver(() => [EventAttachmentType])
  async attachments(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<EventAttachmentType[]> {
    const rows = await ctx.loaders.attachmentsByEvent.load({ projectId: event.projectId, eventId: event.eventId });
    return rows.map(EventAttachmentType.from);
  }

  @Authorized()
  @Subscription(() => EventType, {
    description: 'Events stored on an issue.',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      const { project, issue } = await ctx.access.issue(parseId(args.issueId as string, 'Issue'), 'event:read');
      const stream = authorizedStream(
        ctx.app.pubsub.subscribe('eventReceived'),
        (event) => event.issueId === issue.id,
        () => ctx.access.project(project.id, 'event:read'),
        ctx.access,
      );
      return loadEach(stream, async (event: Topics['eventReceived']) => {
        ctx.loaders = createLoaders(ctx.app.db); // one context for the subscription's whole life: start afresh
        const row = await ctx.app.db.getRepository(EventRow).findOneBy({ projectId: event.projectId, eventId: event.eventId });
        return row && row.issueId === issue.id ? EventType.from(row) : null;
      });
    },
  })
  eventReceived(@Root() event: EventType, @Arg('issueId', () => ID) _issueId: string): EventType {
    return event;
  }
}

@Resolver(() => EventAttachmentType)
export class EventAttachmentResolver {
  @FieldResolver(() => String, { description: 'Download path of the REST API (send your credentials).' })
  async url(@Ctx() ctx: GraphQLContext, @Root() attachment: EventAttachmentType): Promise<string> {
    const project = await projectOf(ctx, attachment.projectId);
    const { organization } = await ctx.access.organizationById(project.organizationId, 'event:read');
    return attachmentUrl(organization.slug, project.slug, attachment.eventId, attachment.id);
  }
}

@Resolver(() => Organization)
export class OrganizationEventResolver {
  @Authorized()
  @FieldResolver(() => EventType, { nullable: true, description: 'An event by the id the SDK gave it (32 hex digits or a UUID).' })
  async event(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('eventId') eventId: string): Promise<EventType | null> {
    await ctx.access.organizationById(org.id, 'event:read');
    const row = await findEventInOrganization(ctx.app.db, org.id, eventId);
    return row ? EventType.from(row) : null;
  }
}
