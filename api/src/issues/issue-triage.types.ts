import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

export enum IssueStatusChange {
  RESOLVED = 'resolved',
  RESOLVED_IN_NEXT_RELEASE = 'resolved_in_next_release',
  UNRESOLVED = 'unresolved',
  IGNORED = 'ignored',
}
registerEnumType(IssueStatusChange, {
  name: 'IssueStatusChange',
  valuesConfig: {
    RESOLVED_IN_NEXT_RELEASE: {
      description: "Resolved as of the project's latest release: only events from a newer release regress it.",
    },
    IGNORED: { description: 'Combine with `ignore` to ignore for a while or a number of events (default: forever).' },
  },
});

@InputType({ description: 'How long to ignore an issue: set at most one field; none means forever.' })
export class IgnoreInput {
  @Field(() => Boolean, { nullable: true })
  forever?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Until this many more events arrive.' })
  untilCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'For this many minutes.' })
  forMinutes?: number | null;
}

@InputType({ description: 'Exactly one of userId (a member of the organization) or teamSlug.' })
export class AssigneeInput {
  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true })
  teamSlug?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateIssueInput {
  @Field(() => IssueStatusChange, { nullable: true })
  status?: IssueStatusChange | null;

  @Field(() => IgnoreInput, { nullable: true, description: 'With status IGNORED.' })
  ignore?: IgnoreInput | null;

  @Field(() => AssigneeInput, { nullable: true, description: 'null unassigns.' })
  assignee?: AssigneeInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Bookmarked by you.' })
  isBookmarked?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'You get notified about it.' })
  isSubscribed?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Shared publicly: anyone with `shareUrl` sees a scrubbed view. false revokes the link.' })
  isPublic?: boolean | null;
}
