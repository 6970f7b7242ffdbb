import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Organization } from '../organizations/organization.entity.js';
import { releaseEventCounts } from './release-event-counts.js';

@ObjectType('ReleaseEventPoint')
class ReleaseEventPointType {
  @Field({ description: 'Start of the UTC day.' }) time!: Date;
  @Field(() => Int) count!: number;
}

@ObjectType('ReleaseEventSeries', { description: 'Events of one release per UTC day.' })
class ReleaseEventSeriesType {
  @Field() version!: string;
  @Field(() => [ReleaseEventPointType], { description: 'Oldest first, zero-filled, ending today.' }) points!: ReleaseEventPointType[];
}

@ArgsType()
class ReleaseEventCountArgs {
  @Field(() => [String], { description: 'At most 10 versions.' }) versions!: string[];
  @Field(() => [ID], { nullable: true, description: 'Limit to these projects (default: all).' }) projects?: string[] | null;
  @Field(() => String, { nullable: true }) environment?: string | null;
  @Field(() => Int, { defaultValue: 14, description: '1-90.' }) days!: number;
}

@Resolver(() => Organization)
export class OrganizationReleaseEventsResolver {
  @Authorized()
  @FieldResolver(() => [ReleaseEventSeriesType], { description: 'Events per release over time (the release list chart).' })
  async releaseEventCounts(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ReleaseEventCountArgs): Promise<ReleaseEventSeriesType[]> {
    await ctx.access.organizationById(org.id, 'event:read');
    const projectIds = args.projects?.length ? args.projects.map((id) => parseId(id, 'Project')) : null;
    const series = await releaseEventCounts(ctx.app.db, org.id, args.versions, { projectIds, environment: args.environment, days: args.days });
    return series.map((s) =>
      Object.assign(new ReleaseEventSeriesType(), { version: s.version, points: s.points.map((p) => Object.assign(new ReleaseEventPointType(), p)) }),
    );
  }
}
