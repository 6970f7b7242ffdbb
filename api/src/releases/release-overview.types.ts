import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserType } from '../users/user.types.js';

@ObjectType('CommitAuthor', { description: 'Who wrote a commit; `user` is set when the email belongs to a member.' })
export class CommitAuthorType {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => UserType, { nullable: true })
  user!: UserType | null;
}

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

@ObjectType('Commit')
export class CommitType {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'The full SHA.' })
  sha!: string;

  @Field()
  shortSha!: string;

  @Field()
  message!: string;

  @Field({ description: 'The first line of the message.' })
  title!: string;

  @Field(() => CommitAuthorType)
  author!: CommitAuthorType;

  @Field()
  repository!: string;

  @Field(() => String, { nullable: true, description: 'The commit on GitHub, for GitHub repositories.' })
  url!: string | null;

  @Field()
  dateCreated!: Date;
}

@ObjectType('FileChange', { description: 'A file touched by the commits of a release.' })
export class FileChangeType {
  @Field()
  path!: string;

  @Field({ description: 'A (added), M (modified) or D (deleted), as in the commits.' })
  type!: string;

  @Field(() => Int, { description: 'How many of the release\'s commits touched it this way.' })
  commitCount!: number;
}

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
