import { Field, ID, ObjectType } from 'type-graphql';
import type { SlackIdentity } from './slack-identity.entity.js';
import type { SlackWorkspace } from './slack-workspace.entity.js';

@ObjectType('SlackIdentity', { description: 'A Slack user who acts as you in Vigil (Slack actions, slash commands, unfurls).' })
export class SlackIdentityType {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'The Slack workspace (team id).' })
  teamId!: string;

  @Field()
  slackUserId!: string;

  @Field()
  slackName!: string;

  @Field({ description: '`email` (same verified email in Slack) or `link` (`/vigil link`).' })
  linkedBy!: string;

  @Field()
  dateCreated!: Date;

  static from(row: SlackIdentity): SlackIdentityType {
    return Object.assign(new SlackIdentityType(), {
      id: row.id,
      teamId: row.teamId,
      slackUserId: row.slackUserId,
      slackName: row.slackName,
      linkedBy: row.linkedBy,
      dateCreated: row.dateCreated,
    });
  }
}

@ObjectType('SlackStatus', { description: "The organization's Slack app: whether this installation has one, and which workspace acts on the organization." })
export class SlackStatusType {
  @Field({ description: 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set on this installation.' })
  configured!: boolean;

  @Field({ description: 'Where the Slack app sends slash commands, clicks and events.' })
  requestUrl!: string;

  @Field(() => String, { nullable: true, description: 'The connected workspace (team id); null when none.' })
  teamId!: string | null;

  @Field(() => String, { nullable: true, description: '`admin`, or `single-organization` when mapped because this is the only organization.' })
  linkedBy!: string | null;

  @Field(() => Date, { nullable: true })
  dateConnected!: Date | null;

  static of(configured: boolean, requestUrl: string, workspace: SlackWorkspace | null): SlackStatusType {
    return Object.assign(new SlackStatusType(), {
      configured,
      requestUrl,
      teamId: workspace?.teamId ?? null,
      linkedBy: workspace?.linkedBy ?? null,
      dateConnected: workspace?.dateCreated ?? null,
    });
  }
}
