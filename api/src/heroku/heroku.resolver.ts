import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Project } from '../projects/project.entity.js';
import { Repository } from '../repositories/repository.entity.js';
import type { HerokuIntegration } from './heroku-integration.entity.js';
import { connectHeroku, findHeroku, herokuHookUrls } from './heroku.service.js';
import { projectAccess } from '../projects/project-access.js';

@ObjectType('HerokuIntegration', { description: "A project's Heroku deploy hook (its secret is shown only when connecting)." })
class HerokuIntegrationType {
  @Field()
  repository!: string;

  @Field()
  environment!: string;

  @Field({ description: 'For `heroku webhooks:add -i api:release`.' })
  webhookUrl!: string;
}

@ObjectType({ description: 'Paste these into Heroku now: the secret cannot be shown again.' })
class HerokuConnection {
  @Field(() => HerokuIntegrationType)
  integration!: HerokuIntegrationType;

  @Field({ description: 'The `-t` secret of the app webhook.' })
  secret!: string;

  @Field({ description: 'The URL for the legacy HTTP deploy hook (it embeds the secret).' })
  deployHookUrl!: string;
}

@Resolver(() => Project)
export class HerokuResolver {
  private async toType(ctx: GraphQLContext, integration: HerokuIntegration): Promise<HerokuIntegrationType> {
    const repository = await ctx.app.db.getRepository(Repository).findOneByOrFail({ id: integration.repositoryId });
    return Object.assign(new HerokuIntegrationType(), {
      repository: repository.name,
      environment: integration.environment,
      webhookUrl: herokuHookUrls(ctx.app.config.publicUrl, integration).webhookUrl,
    });
  }

  @Authorized()
  @FieldResolver(() => HerokuIntegrationType, { nullable: true })
  async heroku(@Ctx() ctx: GraphQLContext, @Root() project: Project): Promise<HerokuIntegrationType | null> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    const integration = await findHeroku(ctx.app.db, project.id);
    return integration ? this.toType(ctx, integration) : null;
  }

  @Authorized()
  @Mutation(() => HerokuConnection, { description: 'Connects Heroku deploys of a repository to a project; issues a new secret.' })
  async connectHeroku(
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('repository', { description: 'A connected repository, e.g. acme/web.' }) repository: string,
    @Arg('environment', () => String, { nullable: true, defaultValue: 'production' }) environment: string | null,
  ): Promise<HerokuConnection> {
    const { access, project } = await projectAccess(ctx, parseId(projectId, 'Project'), 'project:write');
    const integration = await connectHeroku(ctx.app.db, access, project, { repository, environment });
    return Object.assign(new HerokuConnection(), {
      integration: await this.toType(ctx, integration),
      secret: integration.webhookSecret,
      deployHookUrl: herokuHookUrls(ctx.app.config.publicUrl, integration).deployHookUrl,
    });
  }
}
