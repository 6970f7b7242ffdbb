import { Arg, Authorized, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { DeployType } from './deploy.types.js';
import { findRelease } from '../releases/release.service.js';
import { createDeploy } from './deploy.service.js';

@InputType()
class CreateDeployInput {
  @Field({ description: 'e.g. production or staging.' })
  environment!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => Date, { nullable: true })
  dateStarted?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  dateFinished?: Date | null;
}

@Resolver()
export class DeployResolver {
  @Authorized()
  @Mutation(() => DeployType, { description: 'Records a deploy of a release; the people whose commits it shipped get an email.' })
  async createDeploy(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('version') version: string,
    @Arg('input') input: CreateDeployInput,
  ): Promise<DeployType> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'project:releases');
    const release = await findRelease(ctx.app.db, access.organization.id, version);
    const deploy = await createDeploy(ctx.app, access, release, input);
    return DeployType.from(deploy);
  }
}
