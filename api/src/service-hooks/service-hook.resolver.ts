import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { projectAccess } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { ServiceHookCreation, ServiceHookDeliveryType, ServiceHookInput, ServiceHookType } from './service-hook.types.js';
import { createServiceHook, deleteServiceHook, findServiceHook, listDeliveries, listServiceHooks, updateServiceHook } from './service-hook.service.js';

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

@Resolver(() => Project)
export class ProjectServiceHooksResolver {
  @Authorized()
  @FieldResolver(() => [ServiceHookType], { description: "The project's outgoing webhooks (project:read)." })
  async serviceHooks(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<ServiceHookType[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return (await listServiceHooks(ctx.app.db, project)).map(ServiceHookType.from);
  }

  @Authorized()
  @Mutation(() => ServiceHookCreation, { description: 'Adds an outgoing webhook; the answer carries its secret, shown only here.' })
  async createServiceHook(@Ctx() ctx: GraphQLContext, @Arg('projectId', () => ID) projectId: string, @Arg('input') input: ServiceHookInput): Promise<ServiceHookCreation> {
    const { project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    const { hook, secret } = await createServiceHook(ctx.app.db, ctx.app.config, project, { url: input.url, events: input.events });
    return Object.assign(new ServiceHookCreation(), { hook: ServiceHookType.from(hook), secret });
  }

  @Authorized()
  @Mutation(() => ServiceHookType)
  async updateServiceHook(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ServiceHookInput,
  ): Promise<ServiceHookType> {
    const { project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    const hook = await findServiceHook(ctx.app.db, project, { guid: id });
    const updated = await updateServiceHook(ctx.app.db, ctx.app.config, hook, { url: orUndefined(input.url), events: orUndefined(input.events), isActive: orUndefined(input.isActive) });
    return ServiceHookType.from(updated);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async deleteServiceHook(@Ctx() ctx: GraphQLContext, @Arg('projectId', () => ID) projectId: string, @Arg('id', () => ID) id: string): Promise<boolean> {
    const { project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    await deleteServiceHook(ctx.app.db, await findServiceHook(ctx.app.db, project, { guid: id }));
    return true;
  }
}

@Resolver(() => ServiceHookType)
export class ServiceHookDeliveriesResolver {
  @Authorized()
  @FieldResolver(() => [ServiceHookDeliveryType], { description: 'The delivery log, newest first.' })
  async deliveries(@Ctx() ctx: GraphQLContext, @Root() hook: ServiceHookType, @Arg('first', () => Int, { nullable: true }) first: number | null): Promise<ServiceHookDeliveryType[]> {
    const { project } = await projectAccess(ctx, hook.projectId, 'project:read');
    const row = await findServiceHook(ctx.app.db, project, { id: hook.rowId });
    return (await listDeliveries(ctx.app.db, row, first)).map(ServiceHookDeliveryType.from);
  }
}
