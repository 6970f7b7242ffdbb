import { Field, ID, ObjectType } from 'type-graphql';
import type { Release } from './release.entity.js';

@ObjectType('Release', { description: 'A version of the organization\'s code, e.g. web@1.2.3.' })
export class ReleaseType {
  @Field(() => ID)
  id!: number;

  @Field()
  version!: string;

  @Field()
  dateCreated!: Date;

  @Field(() => Date, { nullable: true })
  dateReleased!: Date | null;

  static from(release: Release): ReleaseType {
    return Object.assign(new ReleaseType(), {
      id: release.id,
      version: release.version,
      dateCreated: release.dateCreated,
      dateReleased: release.dateReleased,
    });
  }
}
