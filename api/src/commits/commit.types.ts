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

/** A commit row with its repository, as GraphQL shows it (a GitHub link for GitHub repositories). */
export function commitToType(commit: { id: number; key: string; message: string; authorName: string | null; authorEmail: string | null; dateAdded: Date }, repository: { name: string; provider: string; url: string | null }): CommitType {
  const github = repository.provider.includes('github') && repository.url ? `${repository.url.replace(/\/+$/, '')}/commit/${commit.key}` : null;
  return Object.assign(new CommitType(), {
    id: commit.id,
    sha: commit.key,
    shortSha: commit.key.slice(0, 7),
    message: commit.message,
    title: commit.message.split('\n')[0] ?? '',
    author: Object.assign(new CommitAuthorType(), { name: commit.authorName, email: commit.authorEmail, user: null }),
    repository: repository.name,
    url: github,
    dateCreated: commit.dateAdded,
  });
}
