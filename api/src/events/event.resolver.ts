import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Project } from '../projects/project.entity.js';
import { ReleaseType } from '../releases/release.types.js';
import { EventAttachmentType, EventType } from './event-graphql.types.js';
import { attachmentUrl, findEventInOrganization } from './event.service.js';
import { requireEventRead } from './event-access.js';
import { attachmentsByEvent } from './event.loaders.js';
import { projectById } from '../projects/project.loaders.js';
import { releaseByVersion } from '../releases/release.loaders.js';

async function projectOf(ctx: GraphQLContext, projectId: number): Promise<Project> {
  const project = await ctx.loaders.get(projectById).load(projectId);
  if (!project) throw new Error(`Project ${projectId} is missing`);
  return project;
}

@Resolver(() => EventType)
export class EventResolver {
  @FieldResolver(() => ReleaseType, { nullable: true })
  async release(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<ReleaseType | null> {
    if (event.releaseVersion === null) return null;
    const { organizationId } = await projectOf(ctx, event.projectId);
    const release = await ctx.loaders.get(releaseByVersion).load({ organizationId, version: event.releaseVersion });
    return release ? ReleaseType.from(release) : null;
  }

  @FieldResolver(() => [EventAttachmentType])
  async attachments(@Ctx() ctx: GraphQLContext, @Root() event: EventType): Promise<EventAttachmentType[]> {
    await requireEventRead(ctx, event.projectId);
    const rows = await ctx.loaders.get(attachmentsByEvent).load({ projectId: event.projectId, eventId: event.eventId });
    return rows.map(EventAttachmentType.from);
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
