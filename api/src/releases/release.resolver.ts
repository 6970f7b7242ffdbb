import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, mapConnection, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from '../projects/project.entity.js';
import { projectById } from '../projects/project.loaders.js';
import { Release } from './release.entity.js';
import { authorizedRelease } from './release.loaders.js';
import { releaseProjectIds } from './release.service.js';
import { ReleaseType } from './release.types.js';

const ReleaseConnection = Connection(ReleaseType, 'Release');

/** A release is in an environment when one of its projects sent events or sessions of it there, or it was deployed there. */
const seenInEnvironment = `(
  EXISTS (SELECT 1 FROM deploy d WHERE d.release_id = r.id AND d.environment = :environment)
  OR EXISTS (SELECT 1 FROM release_project rp JOIN release_session s ON s.project_id = rp.project_id
              WHERE rp.release_id = r.id AND s.release = r.version AND s.environment = :environment)
  OR EXISTS (SELECT 1 FROM release_project rp JOIN session_aggregate s ON s.project_id = rp.project_id
              WHERE rp.release_id = r.id AND s.release = r.version AND s.environment = :environment)
  OR EXISTS (SELECT 1 FROM release_project rp JOIN event e ON e.project_id = rp.project_id
              WHERE rp.release_id = r.id AND e.release = r.version AND e.environment = :environment))`;

@ArgsType()
class ReleaseListArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Part of the version, case-insensitive.' })
  query?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only releases of these project slugs.' })
  projects?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only releases with events, sessions or deploys in this environment.' })
  environment?: string | null;
}

@Resolver(() => Organization)
export class OrganizationReleasesResolver {
  @Authorized()
  @FieldResolver(() => ReleaseConnection, { description: 'Releases, newest first.' })
  async releases(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ReleaseListArgs) {
    await ctx.access.organizationById(org.id, 'project:read');
    const query = ctx.app.db.getRepository(Release).createQueryBuilder('r').where('r.organization_id = :orgId', { orgId: org.id });
    if (args.query) query.andWhere('r.version ILIKE :q', { q: `%${args.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (args.projects?.length) {
      query.andWhere(
        `r.id IN (SELECT rp.release_id FROM release_project rp JOIN project p ON p.id = rp.project_id WHERE p.organization_id = :orgId AND p.slug IN (:...slugs))`,
        { slugs: args.projects },
      );
    }
    if (args.environment) query.andWhere(seenInEnvironment, { environment: args.environment });
    const page = await paginateKeyset(query, args, { sortColumn: 'r.date_created', sortType: 'timestamptz', idColumn: 'r.id', direction: 'DESC' });
    return mapConnection(page, ReleaseType.from);
  }

  @Authorized()
  @FieldResolver(() => ReleaseType, { nullable: true })
  async release(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('version') version: string): Promise<ReleaseType | null> {
    await ctx.access.organizationById(org.id, 'project:read');
    const release = await ctx.app.db.getRepository(Release).findOneBy({ organizationId: org.id, version });
    return release ? ReleaseType.from(release) : null;
  }
}

/**
 * A release's own fields. The overview's other parts hang off the same type in the domains that
 * own them (commits, issues, deploys, release health), each starting from `authorizedRelease`.
 */
@Resolver(() => ReleaseType)
export class ReleaseResolver {
  @FieldResolver(() => [Project])
  async projects(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<Project[]> {
    const ids = await releaseProjectIds(ctx.app.db, (await authorizedRelease(ctx, release)).id);
    return (await ctx.loaders.get(projectById).loadMany(ids)).filter((p): p is Project => p instanceof Project);
  }
}
