import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { notFound } from '../errors.js';
import { createProjectKey, deleteProjectKey, dsnFor, updateProjectKey } from './project-key.service.js';
import { ProjectKey } from './project-key.entity.js';
import { ProjectKeyInput } from './project.types.js';
import { projectAccess } from './project-access.js';

@Resolver(() => ProjectKey)
export class ProjectKeyResolver {
  @FieldResolver(() => String)
  dsn(@Ctx() ctx: GraphQLContext, @Root() key: ProjectKey): string {
    return dsnFor(ctx.app.config.publicUrl, key.publicKey, key.projectId);
  }

  @Authorized()
  @Mutation(() => ProjectKey)
  async createProjectKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('input', () => ProjectKeyInput, { nullable: true }) input: ProjectKeyInput | null,
  ): Promise<ProjectKey> {
    const { project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    return createProjectKey(ctx.app.db, project, input ?? {});
  }

  @Authorized()
  @Mutation(() => ProjectKey, { description: 'Renames, enables/disables or rate-limits a key.' })
  async updateProjectKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ProjectKeyInput,
  ): Promise<ProjectKey> {
    return updateProjectKey(ctx.app.db, await this.writableKey(ctx, id), input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async deleteProjectKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    await deleteProjectKey(ctx.app.db, await this.writableKey(ctx, id));
    return true;
  }

  /** The key, if it belongs to a project the caller may change; NOT_FOUND for other organizations. */
  private async writableKey(ctx: GraphQLContext, id: string): Promise<ProjectKey> {
    const key = await ctx.app.db.getRepository(ProjectKey).findOneBy({ id: parseId(id, 'Project key') });
    if (!key) throw notFound('Project key');
    try {
      await projectAccess(ctx, key.projectId, 'project:write');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'NOT_FOUND') throw notFound('Project key');
      throw error;
    }
    return key;
  }
}
