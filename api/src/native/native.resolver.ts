import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { EventType } from '../events/event-graphql.types.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { issueAccess } from '../issues/issue-access.js';
import { projectAccess } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { DebugFile } from './debug-file.entity.js';
import { listDebugFiles } from './debug-file.service.js';
import { eventDebugImages } from './debug-images.js';
import { heldEventCount, listProcessingIssues } from './held-events.js';
import { DebugImageType, ProcessingIssuesType, ProcessingIssueType } from './native.types.js';
import { uploadInstructions } from './upload-instructions.js';
import { startReprocessing } from './reprocessing.service.js';

@Resolver(() => Project)
export class ProjectNativeResolver {
  @Authorized()
  @FieldResolver(() => [DebugFile], { description: 'Uploaded debug information files, newest first.' })
  async debugFiles(
    @Ctx() ctx: GraphQLContext,
    @Root() project: Project,
    @Arg('debugId', () => String, { nullable: true, description: 'Only files with this debug id.' }) debugId: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most 100.' }) first: number,
  ): Promise<DebugFile[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return listDebugFiles(ctx.app.db, project.id, { debugId, limit: Math.min(Math.max(first, 1), 100) });
  }

  @Authorized()
  @FieldResolver(() => ProcessingIssuesType)
  async processingIssues(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<ProcessingIssuesType> {
    const access = await ctx.access.organizationById(project.organizationId, 'project:read');
    // Held events first: an issue is committed with its event, so every counted event's issue is then listed.
    const heldEvents = await heldEventCount(ctx.app.db, project.id);
    const issues = await listProcessingIssues(ctx.app.db, project.id);
    return Object.assign(new ProcessingIssuesType(), {
      issues: issues.map((i) => Object.assign(new ProcessingIssueType(), { ...i, id: String(i.id) })),
      heldEvents,
      uploadInstructions: uploadInstructions(ctx.app.config.publicUrl, access.organization.slug, project.slug, issues),
    });
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Send held events whose debug files are all uploaded back through processing.' })
  async reprocessProject(@Ctx() ctx: GraphQLContext, @Arg('projectId', () => ID) projectId: string): Promise<boolean> {
    const { project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    await startReprocessing(ctx.app, project.id);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Re-symbolicate the issue's stored events with the debug files known now, replacing them in place, and regroup them." })
  async reprocessIssue(@Ctx() ctx: GraphQLContext, @Arg('issueId', () => ID) issueId: string): Promise<boolean> {
    const { issue } = await issueAccess(ctx, parseId(issueId, 'Issue'), 'event:write');
    await ctx.app.queue.add('issue.reprocess', { issueId: issue.id });
    return true;
  }
}

@Resolver(() => EventType)
export class EventNativeResolver {
  @FieldResolver(() => [DebugImageType], { description: 'Native images the event references, with their symbolication status.' })
  debugImages(@Root() event: EventType): DebugImageType[] {
    // The event itself was authorized where it was loaded; this only reads its own payload.
    return eventDebugImages(event.debugMeta);
  }
}
