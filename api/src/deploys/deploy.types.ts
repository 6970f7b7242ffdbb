import { Field, ID, ObjectType } from 'type-graphql';

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
}
