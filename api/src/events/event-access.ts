import type { GraphQLContext } from '../graphql/context.js';
import { projectById } from '../projects/project.loaders.js';

/**
 * Event payloads (stack traces, request data, tags, attachments) need `event:read`, wherever the
 * issue came from: an issue reached through a release or a commit was authorized for less.
 */
export async function requireEventRead(ctx: GraphQLContext, projectId: number): Promise<void> {
  const project = await ctx.loaders.get(projectById).load(projectId);
  if (!project) throw new Error(`Project ${projectId} is missing`);
  await ctx.access.organizationById(project.organizationId, 'event:read');
}
