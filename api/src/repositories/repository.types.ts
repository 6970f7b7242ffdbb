import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Repository', { description: 'A source repository (its webhook secret is never readable).' })
export class RepositoryType {
  @Field(() => ID)
  id!: number;

  @Field({ description: '`owner/repo`, or a git remote name such as `origin`.' })
  name!: string;

  @Field({ description: 'Sentry provider id: integrations:github or git.' })
  provider!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field({ description: 'Where GitHub should send push events for this repository.' })
  webhookUrl!: string;

  @Field()
  dateCreated!: Date;
}
