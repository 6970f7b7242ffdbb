/**
 * What an alert rule is made of, as stored (jsonb) and checked. Pure: no database.
 * Conditions say when (any or all of them), filters narrow which events count (all must pass),
 * actions say what happens, and the action interval limits how often one issue alerts.
 */
import { badInput } from '../errors.js';
import type { Level } from '../events/event.types.js';

export type ConditionType = 'NEW_ISSUE' | 'REGRESSION' | 'EVENT_FREQUENCY' | 'USER_FREQUENCY';
export type ActionType = 'EMAIL' | 'SLACK' | 'WEBHOOK';
export type EmailTarget = 'ISSUE_OWNERS' | 'TEAM' | 'MEMBER' | 'ALL_MEMBERS';
export type Match = 'ANY' | 'ALL';

export interface AlertCondition {
  type: ConditionType;
  /** EVENT_FREQUENCY / USER_FREQUENCY: more than `value` events (users) … */
  value?: number;
  /** … within the last `intervalMinutes`. */
  intervalMinutes?: number;
}

export interface TagFilter {
  key: string;
  value: string;
}

export interface AlertFilters {
  environment?: string | null;
  minLevel?: Level | null;
  tags?: TagFilter[];
  latestRelease?: boolean;
  issueOlderThanMinutes?: number | null;
  issueNewerThanMinutes?: number | null;
}

export interface AlertAction {
  type: ActionType;
  /** EMAIL: who gets it. */
  target?: EmailTarget;
  /** EMAIL to a TEAM. */
  teamId?: number;
  /** EMAIL to a MEMBER (a user id). */
  userId?: number;
  /** SLACK: the channel, e.g. `#alerts` or a channel id. */
  channel?: string;
}

export interface AlertRuleDefinition {
  name: string;
  conditions: AlertCondition[];
  conditionMatch: Match;
  filters: AlertFilters;
  actions: AlertAction[];
  frequencyMinutes: number;
}

/** Sentry's choices for "in T": 1 minute … 30 days. */
export const FREQUENCY_WINDOWS_MINUTES = [1, 5, 15, 60, 1440, 10080, 43200] as const;
/** The action interval: 5 minutes to 30 days. */
export const MIN_ACTION_INTERVAL_MINUTES = 5;
export const MAX_ACTION_INTERVAL_MINUTES = 43200;
export const MAX_CONDITIONS = 10;
export const MAX_ACTIONS = 10;
export const MAX_TAG_FILTERS = 10;

export const LEVEL_RANK: Record<Level, number> = { debug: 0, info: 1, warning: 2, error: 3, fatal: 4 };
const LEVELS = Object.keys(LEVEL_RANK) as Level[];

const CONDITION_TYPES: ConditionType[] = ['NEW_ISSUE', 'REGRESSION', 'EVENT_FREQUENCY', 'USER_FREQUENCY'];
const ACTION_TYPES: ActionType[] = ['EMAIL', 'SLACK', 'WEBHOOK'];
const EMAIL_TARGETS: EmailTarget[] = ['ISSUE_OWNERS', 'TEAM', 'MEMBER', 'ALL_MEMBERS'];

const positiveInt = (value: unknown, max = 1_000_000_000): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= max;
const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max && !value.includes('\u0000');

function checkCondition(condition: AlertCondition, index: number): AlertCondition {
  const field = `conditions[${index}]`;
  if (!CONDITION_TYPES.includes(condition.type)) throw badInput(`${field}.type must be one of ${CONDITION_TYPES.join(', ')}`, field);
  if (condition.type === 'NEW_ISSUE' || condition.type === 'REGRESSION') return { type: condition.type };
  if (!(typeof condition.value === 'number' && Number.isInteger(condition.value) && condition.value >= 0 && condition.value <= 1_000_000_000)) {
    throw badInput(`${field}.value must be a whole number from 0 (more than N ${condition.type === 'EVENT_FREQUENCY' ? 'events' : 'users'})`, field);
  }
  if (!FREQUENCY_WINDOWS_MINUTES.includes(condition.intervalMinutes as (typeof FREQUENCY_WINDOWS_MINUTES)[number])) {
    throw badInput(`${field}.intervalMinutes must be one of ${FREQUENCY_WINDOWS_MINUTES.join(', ')}`, field);
  }
  return { type: condition.type, value: condition.value, intervalMinutes: condition.intervalMinutes! };
}

function checkFilters(filters: AlertFilters): AlertFilters {
  const checked: AlertFilters = {};
  if (filters.environment != null && filters.environment !== '') {
    if (!text(filters.environment, 256)) throw badInput('filters.environment must be an environment name', 'filters.environment');
    checked.environment = filters.environment;
  }
  if (filters.minLevel != null) {
    if (!LEVELS.includes(filters.minLevel)) throw badInput(`filters.minLevel must be one of ${LEVELS.join(', ')}`, 'filters.minLevel');
    checked.minLevel = filters.minLevel;
  }
  if (filters.tags && filters.tags.length > 0) {
    if (filters.tags.length > MAX_TAG_FILTERS) throw badInput(`At most ${MAX_TAG_FILTERS} tag filters`, 'filters.tags');
    checked.tags = filters.tags.map((tag, i) => {
      if (!text(tag.key, 200) || typeof tag.value !== 'string' || tag.value.length > 200 || tag.value.includes('\u0000')) {
        throw badInput(`filters.tags[${i}] needs a key and a value (up to 200 characters)`, 'filters.tags');
      }
      return { key: tag.key, value: tag.value };
    });
  }
  if (filters.latestRelease) checked.latestRelease = true;
  for (const field of ['issueOlderThanMinutes', 'issueNewerThanMinutes'] as const) {
    const value = filters[field];
    if (value == null) continue;
    if (!positiveInt(value, 525_600 * 10)) throw badInput(`filters.${field} must be a positive number of minutes`, `filters.${field}`);
    checked[field] = value;
  }
  return checked;
}

function checkAction(action: AlertAction, index: number): AlertAction {
  const field = `actions[${index}]`;
  if (!ACTION_TYPES.includes(action.type)) throw badInput(`${field}.type must be one of ${ACTION_TYPES.join(', ')}`, field);
  if (action.type === 'WEBHOOK') return { type: 'WEBHOOK' };
  if (action.type === 'SLACK') {
    if (!text(action.channel, 80)) throw badInput(`${field}.channel is required for a Slack action (e.g. #alerts)`, field);
    return { type: 'SLACK', channel: action.channel.trim() };
  }
  const target = action.target ?? 'ISSUE_OWNERS';
  if (!EMAIL_TARGETS.includes(target)) throw badInput(`${field}.target must be one of ${EMAIL_TARGETS.join(', ')}`, field);
  if (target === 'TEAM' && !positiveInt(action.teamId)) throw badInput(`${field} emails a team: name the team`, field);
  if (target === 'MEMBER' && !positiveInt(action.userId)) throw badInput(`${field} emails a member: name the member`, field);
  return { type: 'EMAIL', target, ...(target === 'TEAM' ? { teamId: action.teamId! } : {}), ...(target === 'MEMBER' ? { userId: action.userId! } : {}) };
}

/** The definition as stored, or BAD_USER_INPUT naming the first thing wrong with it. */
export function checkRuleDefinition(input: AlertRuleDefinition): AlertRuleDefinition {
  if (!text(input.name, 256)) throw badInput('name is required (up to 256 characters)', 'name');
  if (input.conditions.length === 0 || input.conditions.length > MAX_CONDITIONS) throw badInput(`A rule has 1 to ${MAX_CONDITIONS} conditions`, 'conditions');
  if (input.actions.length === 0 || input.actions.length > MAX_ACTIONS) throw badInput(`A rule has 1 to ${MAX_ACTIONS} actions`, 'actions');
  if (input.conditionMatch !== 'ANY' && input.conditionMatch !== 'ALL') throw badInput('conditionMatch must be ANY or ALL', 'conditionMatch');
  const frequency = input.frequencyMinutes;
  if (!Number.isInteger(frequency) || frequency < MIN_ACTION_INTERVAL_MINUTES || frequency > MAX_ACTION_INTERVAL_MINUTES) {
    throw badInput(`frequencyMinutes (the action interval) must be between ${MIN_ACTION_INTERVAL_MINUTES} and ${MAX_ACTION_INTERVAL_MINUTES} (30 days)`, 'frequencyMinutes');
  }
  return {
    name: input.name.trim(),
    conditions: input.conditions.map(checkCondition),
    conditionMatch: input.conditionMatch,
    filters: checkFilters(input.filters),
    actions: input.actions.map(checkAction),
    frequencyMinutes: frequency,
  };
}

/** Sentry's default for a new project: a new issue emails the active members (its "issue owners, else active members"). */
export const DEFAULT_RULE: AlertRuleDefinition = {
  name: 'Send a notification for new issues',
  conditions: [{ type: 'NEW_ISSUE' }],
  conditionMatch: 'ANY',
  filters: {},
  actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }],
  frequencyMinutes: 30,
};
