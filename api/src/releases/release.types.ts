import { Field, ID, ObjectType } from 'type-graphql';
import type { Release } from './release.entity.js';
import { shortReleaseVersion } from './release-version.js';

@ObjectType('Release', { description: 'A version of the organization\'s code, e.g. web@1.2.3.' })
export class ReleaseType {
  @Field(() => ID)
  id!: number;

  @Field()
  version!: string;

  @Field({ description: 'The version without its `package@` prefix; SHAs cut to 12 characters.' })
  shortVersion!: string;

  @Field({ description: 'open or archived.' })
  status!: string;

  @Field(() => String, { nullable: true })
  ref!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  // Internal: which organization to authorize against in field resolvers.
  organizationId!: number;

  @Field()
  dateCreated!: Date;

  @Field(() => Date, { nullable: true })
  dateReleased!: Date | null;

  static from(release: Release): ReleaseType {
    return Object.assign(new ReleaseType(), {
      id: release.id,
      version: release.version,
      shortVersion: shortReleaseVersion(release.version),
      status: release.status,
      ref: release.ref,
      url: release.url,
      organizationId: release.organizationId,
      dateCreated: release.dateCreated,
      dateReleased: release.dateReleased,
    });
  }
}
