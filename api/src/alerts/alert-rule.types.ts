import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IssueType } from '../issues/issue.types.js';
import type { AlertFire } from './alert-fire.entity.js';
import type { AlertRule } from './alert-rule.entity.js';
import type { ActionType, ConditionType, EmailTarget, Match } from './alert-rule.model.js';

export enum AlertConditionType {
  NEW_ISSUE = 'NEW_ISSUE',
  REGRESSION = 'REGRESSION',
  EVENT_FREQUENCY = 'EVENT_FREQUENCY',
  USER_FREQUENCY = 'USER_FREQUENCY',
}
registerEnumType(AlertConditionType, { name: 'AlertConditionType', description: 'A new issue; a regression; seen more than N times in T; by more than N users in T.' });

export enum AlertActionType {
  EMAIL = 'EMAIL',
  SLACK = 'SLACK',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(AlertActionType, { name: 'AlertActionType' });

export enum AlertEmailTarget {
  ISSUE_OWNERS = 'ISSUE_OWNERS',
  TEAM = 'TEAM',
  MEMBER = 'MEMBER',
  ALL_MEMBERS = 'ALL_MEMBERS',
}
registerEnumType(AlertEmailTarget, { name: 'AlertEmailTarget', description: 'ISSUE_OWNERS: members with suspect commits (else all members).' });

export enum AlertMatch {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(AlertMatch, { name: 'AlertMatch' });

@InputType()
export class AlertConditionInput {
  @Field(() => AlertConditionType) type!: AlertConditionType;
  @Field(() => Int, { nullable: true, description: 'More than this many events (users)…' }) value?: number | null;
  @Field(() => Int, { nullable: true, description: '…in this many minutes: 1, 5, 15, 60, 1440, 10080 or 43200.' }) intervalMinutes?: number | null;
}

@InputType()
export class AlertTagFilterInput {
  @Field() key!: string;
  @Field() value!: string;
}

@InputType()
export class AlertFiltersInput {
  @Field(() => String, { nullable: true, description: 'Only events of this environment.' }) environment?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events of at least this level (debug, info, warning, error, fatal).' }) minLevel?: string | null;
  @Field(() => [AlertTagFilterInput], { nullable: true, description: 'Only events with each of these tag values.' }) tags?: AlertTagFilterInput[] | null;
  @Field(() => Boolean, { nullable: true, description: "Only events of the project's latest release." }) latestRelease?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Only issues first seen more than this many minutes ago.' }) issueOlderThanMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'Only issues first seen less than this many minutes ago.' }) issueNewerThanMinutes?: number | null;
}

@InputType()
export class AlertActionInput {
  @Field(() => AlertActionType) type!: AlertActionType;
  @Field(() => AlertEmailTarget, { nullable: true, description: 'EMAIL: who (default ISSUE_OWNERS).' }) target?: AlertEmailTarget | null;
  @Field(() => String, { nullable: true, description: 'EMAIL to a TEAM: its slug.' }) teamSlug?: string | null;
  @Field(() => ID, { nullable: true, description: 'EMAIL to a MEMBER: their user id.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'SLACK: the channel.' }) channel?: string | null;
}

@InputType()
export class AlertRuleInput {
  @Field() name!: string;
  @Field(() => [AlertConditionInput]) conditions!: AlertConditionInput[];
  @Field(() => AlertMatch, { nullable: true, defaultValue: AlertMatch.ANY, description: 'Fire when any (or all) conditions hold.' }) conditionMatch?: AlertMatch;
  @Field(() => AlertFiltersInput, { nullable: true }) filters?: AlertFiltersInput | null;
  @Field(() => [AlertActionInput]) actions!: AlertActionInput[];
  @Field(() => Int, { nullable: true, defaultValue: 30, description: 'The action interval in minutes (5 to 43200): one issue alerts at most once per interval.' }) frequencyMinutes?: number;
  @Field(() => Boolean, { nullable: true }) isActive?: boolean | null;
}

@ObjectType('AlertCondition')
export class AlertConditionType_ {
  @Field(() => AlertConditionType) type!: ConditionType;
  @Field(() => Int, { nullable: true }) value!: number | null;
  @Field(() => Int, { nullable: true }) intervalMinutes!: number | null;
}

@ObjectType('AlertTagFilter')
export class AlertTagFilterType {
  @Field() key!: string;
  @Field() value!: string;
}

@ObjectType('AlertFilters')
export class AlertFiltersType {
  @Field(() => String, { nullable: true }) environment!: string | null;
  @Field(() => String, { nullable: true }) minLevel!: string | null;
  @Field(() => [AlertTagFilterType]) tags!: AlertTagFilterType[];
  @Field() latestRelease!: boolean;
  @Field(() => Int, { nullable: true }) issueOlderThanMinutes!: number | null;
  @Field(() => Int, { nullable: true }) issueNewerThanMinutes!: number | null;
}

@ObjectType('AlertAction')
export class AlertActionType_ {
  @Field(() => AlertActionType) type!: ActionType;
  @Field(() => AlertEmailTarget, { nullable: true }) target!: EmailTarget | null;
  @Field(() => String, { nullable: true, description: 'EMAIL to a TEAM.' }) teamSlug!: string | null;
  @Field(() => ID, { nullable: true, description: 'EMAIL to a MEMBER.' }) userId!: string | null;
  @Field(() => String, { nullable: true }) channel!: string | null;
}

@ObjectType('AlertRule', { description: "A project's issue alert rule." })
export class AlertRuleType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [AlertConditionType_]) conditions!: AlertConditionType_[];
  @Field(() => AlertMatch) conditionMatch!: Match;
  @Field(() => AlertFiltersType) filters!: AlertFiltersType;
  @Field(() => [AlertActionType_]) actions!: AlertActionType_[];
  @Field(() => Int) frequencyMinutes!: number;
  @Field() isActive!: boolean;
  @Field() dateCreated!: Date;
  row!: AlertRule;

  static from(rule: AlertRule, teamSlugs: Map<number, string>): AlertRuleType {
    const filters = rule.filters;
    return Object.assign(new AlertRuleType(), {
      id: String(rule.id),
      name: rule.name,
      conditionMatch: rule.conditionMatch,
      conditions: rule.conditions.map((c) => Object.assign(new AlertConditionType_(), { type: c.type, value: c.value ?? null, intervalMinutes: c.intervalMinutes ?? null })),
      filters: Object.assign(new AlertFiltersType(), {
        environment: filters.environment ?? null,
        minLevel: filters.minLevel ?? null,
        tags: (filters.tags ?? []).map((t) => Object.assign(new AlertTagFilterType(), t)),
        latestRelease: filters.latestRelease ?? false,
        issueOlderThanMinutes: filters.issueOlderThanMinutes ?? null,
        issueNewerThanMinutes: filters.issueNewerThanMinutes ?? null,
      }),
      actions: rule.actions.map((a) =>
        Object.assign(new AlertActionType_(), {
          type: a.type,
          target: a.target ?? null,
          teamSlug: a.teamId !== undefined ? (teamSlugs.get(a.teamId) ?? null) : null,
          userId: a.userId !== undefined ? String(a.userId) : null,
          channel: a.channel ?? null,
        }),
      ),
      frequencyMinutes: rule.frequencyMinutes,
      isActive: rule.isActive,
      dateCreated: rule.dateCreated,
      row: rule,
    });
  }
}

@ObjectType('AlertActionResult', { description: 'What one action of a fired alert did.' })
export class AlertActionResultType {
  @Field(() => AlertActionType) type!: ActionType;
  @Field({ description: '`pending`, `sent`, `skipped` or `failed`.' }) status!: string;
  @Field() detail!: string;
}

@ObjectType('AlertFire', { description: 'One time a rule fired for an issue.' })
export class AlertFireType {
  @Field(() => ID) id!: string;
  @Field() firedAt!: Date;
  @Field(() => IssueType) issue!: IssueType;
  @Field(() => String, { nullable: true, description: 'The event that fired it.' }) eventId!: string | null;
  @Field(() => [AlertActionResultType]) results!: AlertActionResultType[];

  static from(fire: AlertFire, issue: IssueType, eventId: string | null): AlertFireType {
    return Object.assign(new AlertFireType(), {
      id: String(fire.id),
      firedAt: fire.firedAt,
      issue,
      eventId,
      results: fire.actions.map((action, i) => Object.assign(new AlertActionResultType(), fire.results[i] ?? { type: action.type, status: 'pending', detail: '' })),
    });
  }
}
