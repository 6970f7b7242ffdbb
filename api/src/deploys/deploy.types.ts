import { Field, ID, ObjectType } from 'type-graphql';
import type { Deploy } from './deploy.entity.js';

@ObjectType('Deploy')
export class DeployType {
  @Field(() => ID)
  id!: number;

  @Field()
  environment!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => Date, { nullable: true })
  dateStarted!: Date | null;

  @Field()
  dateFinished!: Date;

  // Internal: which release (and organization) the `release` field resolves against.
  releaseId!: number;
  organizationId!: number;

  static from(deploy: Deploy): DeployType {
    return Object.assign(new DeployType(), deploy);
  }
}
