import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Organization } from '../organizations/organization.entity.js';
import { RepositoryType } from './repository.types.js';
import { hasGithubToken, setGithubToken } from './github-access.service.js';
import type { Repository } from './repository.entity.js';
import { connectGithubRepository, deleteRepository, githubWebhookUrl, listRepositories, repositoryById, rotateWebhookSecret } from './repository.service.js';

@ObjectType({ description: 'A connected repository and the webhook secret to paste into GitHub: shown this once.' })
class ConnectedRepository {
  @Field(() => RepositoryType)
  repository!: RepositoryType;

  @Field()
  webhookSecret!: string;
}

function toType(repository: Repository, publicUrl: string): RepositoryType {
  const { id, name, provider, url, dateCreated } = repository;
  return Object.assign(new RepositoryType(), { id, name, provider, url, dateCreated, webhookUrl: githubWebhookUrl(publicUrl, id) });
}

@Resolver(() => Organization)
export class RepositoryResolver {
  @Authorized()
  @FieldResolver(() => [RepositoryType])
  async repositories(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<RepositoryType[]> {
    await ctx.access.organizationById(org.id, 'project:read');
    return (await listRepositories(ctx.app.db, org.id)).map((r) => toType(r, ctx.app.config.publicUrl));
  }

  @Authorized()
  @Mutation(() => ConnectedRepository, { description: 'Connects a GitHub repository (owner/repo); set up its webhook with the returned URL and secret.' })
  async connectRepository(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('name') name: string,
    @Arg('url', () => String, { nullable: true }) url: string | null,
  ): Promise<ConnectedRepository> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    const { repository, webhookSecret } = await connectGithubRepository(ctx.app.db, access, { name, url });
    return Object.assign(new ConnectedRepository(), { repository: toType(repository, ctx.app.config.publicUrl), webhookSecret });
  }

  @Authorized()
  @Mutation(() => ConnectedRepository, { description: 'Replaces the webhook secret; the old one stops working at once.' })
  async rotateRepositoryWebhookSecret(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('id', () => ID) id: string,
  ): Promise<ConnectedRepository> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    const repositoryId = parseId(id, 'Repository');
    const webhookSecret = await rotateWebhookSecret(ctx.app.db, access, repositoryId);
    const repository = await repositoryById(ctx.app.db, access, repositoryId);
    return Object.assign(new ConnectedRepository(), { repository: toType(repository, ctx.app.config.publicUrl), webhookSecret });
  }

  @Authorized()
  @FieldResolver(() => Boolean, { description: 'Whether the organization has its own GitHub token (setGithubToken); the token itself is never shown.' })
  async hasGithubToken(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<boolean> {
    await ctx.access.organizationById(org.id, 'org:read');
    return hasGithubToken(ctx.app.db, org.id);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Stores the organization's GitHub token (encrypted), which reads its repositories' commit ranges; null or empty removes it. " +
      'Returns whether a token is now set. The token is never shown again.',
  })
  async setGithubToken(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('token', () => String, { nullable: true }) token: string | null,
  ): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    return setGithubToken(ctx.app.db, ctx.app.config, access, token);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes the repository with its commits.' })
  async deleteRepository(@Ctx() ctx: GraphQLContext, @Arg('organizationSlug') organizationSlug: string, @Arg('id', () => ID) id: string): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'org:write');
    await deleteRepository(ctx.app.db, access, parseId(id, 'Repository'));
    return true;
  }
}
