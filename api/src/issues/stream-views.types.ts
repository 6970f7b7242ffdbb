import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { InboxReason } from './issue-inbox.entity.js';
import type { SavedSearch, SavedSearchVisibility } from './saved-search.entity.js';

export enum InboxReasonValue {
  NEW = 'new',
  REGRESSION = 'regression',
  UNIGNORED = 'unignored',
}
registerEnumType(InboxReasonValue, { name: 'InboxReason', description: 'Why an issue is waiting for review.' });

@ObjectType('IssueInbox', { description: 'The issue waits in "For review" (Sentry\'s inbox) since `dateAdded`, for at most 7 days.' })
export class IssueInboxType {
  @Field(() => InboxReasonValue) reason!: InboxReasonValue;
  @Field() dateAdded!: Date;

  static from(entry: { reason: InboxReason; dateAdded: Date }): IssueInboxType {
    return Object.assign(new IssueInboxType(), { reason: entry.reason as InboxReasonValue, dateAdded: entry.dateAdded });
  }
}

@ObjectType('IssueCount', { description: 'How many issues a search finds.' })
export class IssueCountType {
  @Field() query!: string;
  @Field(() => Int, { description: 'Matches, counted up to 1000 (see countIsLowerBound).' }) count!: number;
  @Field({ description: 'More issues match than `count`: show it as "1000+".' }) countIsLowerBound!: boolean;
}

@ArgsType()
export class IssueCountArgs {
  @Field(() => [String], { description: 'Searches to count (at most 10), e.g. the stream tabs `is:unresolved`, `is:ignored`.' })
  queries!: string[];

  @Field(() => [ID], { nullable: true, description: 'Limit to these projects (default: all).' })
  projects?: string[] | null;

  @Field(() => String, { nullable: true }) environment?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 24h, 14d.' }) statsPeriod?: string | null;
}

export enum SavedSearchVisibilityValue {
  OWNER = 'owner',
  ORGANIZATION = 'organization',
}
registerEnumType(SavedSearchVisibilityValue, {
  name: 'SavedSearchVisibility',
  description: 'OWNER: only you see it; ORGANIZATION: every member does (admins and owners make these).',
});

@ObjectType('SavedSearch', { description: 'A named stream search.' })
export class SavedSearchType {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field() query!: string;
  @Field(() => SavedSearchVisibilityValue) visibility!: SavedSearchVisibilityValue;
  @Field() dateCreated!: Date;
  @Field({ description: 'You made it (and may delete it).' }) isOwn!: boolean;

  static from(search: SavedSearch, viewerId: number): SavedSearchType {
    return Object.assign(new SavedSearchType(), {
      id: search.id,
      name: search.name,
      query: search.query,
      visibility: search.visibility satisfies SavedSearchVisibility as SavedSearchVisibilityValue,
      dateCreated: search.dateCreated,
      isOwn: search.ownerUserId === viewerId,
    });
  }
}
