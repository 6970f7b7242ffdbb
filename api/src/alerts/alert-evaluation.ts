/**
 * Evaluating alert rules against a stored ingest batch (the 'events.processed' job, never the
 * ingest transaction). Per issue of the batch and active rule of its project: the first event
 * that passes the filters is checked against the conditions; if they hold, the rule claims the
 * issue for its action interval (one UPSERT whose WHERE only lets one evaluation through, however
 * many workers race) and records the fire and its 'alert.fire' job in the same transaction.
 * Projects without active rules cost one query.
 */
import { eventPayload } from '../events/event-payload.js';
import { userKeyOf } from '../events/user-key.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { Level } from '../events/event.types.js';
import { latestProjectRelease } from '../issues/issue.service.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { AlertRule } from './alert-rule.entity.js';
import { LEVEL_RANK, type AlertCondition, type AlertFilters } from './alert-rule.model.js';

export interface BatchEvent {
  rowId: string;
  projectId: number;
  issueId: number;
  eventId: string;
  environment: string;
  release: string | null;
  level: Level;
  tags: [string, string][];
}

interface IssueFacts {
  id: number;
  firstSeen: Date;
  isNew: boolean;
  regressed: boolean;
}

interface EvaluationDeps {
  db: DataSource;
  queue: Pick<JobQueue, 'add'>;
}

const MINUTE = 60_000;
// Windows of a day or more are summed from the hourly counts; shorter ones count event rows.
const HOURLY_FROM_MINUTES = 1440;
// Distinct users are counted over at most this many of the window's newest events.
const USERS_WINDOW_ROWS = 10_000;

export async function loadBatchEvents(db: DataSource, events: { projectId: number; eventId: string }[]): Promise<BatchEvent[]> {
  if (events.length === 0) return [];
  // Level and tags live only in the (compressed) document: it is read, and decoded, only for the
  // projects with an active rule that filters on them, and then only when a filter asks.
  const rows: { id: string; project_id: number; issue_id: number; event_id: string; environment: string; release: string | null; payload: Buffer | null }[] =
    await db.query(
      `SELECT e.id, e.project_id, e.issue_id, e.event_id, e.environment, e.release,
              CASE WHEN EXISTS (SELECT 1 FROM alert_rule r WHERE r.project_id = e.project_id AND r.is_active
                                   AND (r.filters->>'minLevel' IS NOT NULL OR jsonb_array_length(COALESCE(r.filters->'tags', '[]')) > 0))
                   THEN e.payload END AS payload
         FROM event e JOIN unnest($1::int[], $2::char(32)[]) AS k(project_id, event_id) ON e.project_id = k.project_id AND e.event_id = k.event_id
        ORDER BY e.timestamp, e.id`,
      // char(32) as the column: compared with text, every event of the project would be read.
      [events.map((e) => e.projectId), events.map((e) => e.eventId)],
    );
  return rows.map((r) => {
    let document: { level: Level; tags: [string, string][] } | undefined;
    const read = () => {
      if (!document) {
        // No document read: no rule of the project filtered on these when the batch was loaded
        // (one created since sees Sentry's default level and no tags for this one batch).
        const { level, tags } = r.payload ? eventPayload({ payload: r.payload }) : { level: 'error' as const, tags: [] };
        document = { level, tags: tags ?? [] };
      }
      return document;
    };
    return {
      rowId: String(r.id),
      projectId: r.project_id,
      issueId: r.issue_id,
      eventId: r.event_id,
      environment: r.environment,
      release: r.release,
      get level() {
        return read().level;
      },
      get tags() {
        return read().tags;
      },
    };
  });
}

function tagValue(event: BatchEvent, key: string): string | null {
  const found = event.tags.find(([k]) => k === key);
  if (found) return found[1];
  if (key === 'environment') return event.environment;
  if (key === 'release') return event.release;
  if (key === 'level') return event.level;
  return null;
}

/** Whether the event passes every filter of the rule. */
export function passesFilters(filters: AlertFilters, event: BatchEvent, issue: IssueFacts, latestRelease: string | null | undefined, now: Date): boolean {
  if (filters.environment && event.environment !== filters.environment) return false;
  if (filters.minLevel && (LEVEL_RANK[event.level] ?? LEVEL_RANK.error) < LEVEL_RANK[filters.minLevel]) return false;
  if (filters.tags?.some((tag) => tagValue(event, tag.key) !== tag.value)) return false;
  if (filters.latestRelease && (!event.release || event.release !== latestRelease)) return false;
  const age = now.getTime() - issue.firstSeen.getTime();
  if (filters.issueOlderThanMinutes && age < filters.issueOlderThanMinutes * MINUTE) return false;
  if (filters.issueNewerThanMinutes && age > filters.issueNewerThanMinutes * MINUTE) return false;
  return true;
}

async function eventsInWindow(db: DataSource, issueId: number, condition: AlertCondition, environment: string | undefined): Promise<number> {
  const minutes = condition.intervalMinutes!;
  const limit = condition.value! + 1;
  if (minutes >= HOURLY_FROM_MINUTES && !environment) {
    const [row] = (await db.query(
      `SELECT COALESCE(sum(count), 0)::int AS n FROM issue_hourly_count WHERE issue_id = $1 AND hour >= date_trunc('hour', now() - make_interval(mins => $2))`,
      [issueId, minutes],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
  // Counting stops at value + 1: enough to know "more than value".
  const [row] = (await db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM event WHERE issue_id = $1 AND timestamp >= now() - make_interval(mins => $2)
        AND ($3::text IS NULL OR environment = $3) LIMIT $4) s`,
    [issueId, minutes, environment ?? null, limit],
  )) as { n: number }[];
  return row?.n ?? 0;
}

async function usersInWindow(db: DataSource, issueId: number, condition: AlertCondition, environment: string | undefined): Promise<number> {
  // Payloads are stored compressed (events/event-payload.ts): the users are read from the newest events.
  const rows = (await db.query(
    `SELECT payload FROM event WHERE issue_id = $1 AND timestamp >= now() - make_interval(mins => $2) AND ($3::text IS NULL OR environment = $3)
      ORDER BY timestamp DESC LIMIT $4`,
    [issueId, condition.intervalMinutes!, environment ?? null, USERS_WINDOW_ROWS],
  )) as { payload: Buffer }[];
  const users = new Set<string>();
  for (const row of rows) {
    const key = userKeyOf(eventPayload(row));
    if (key) users.add(key);
    if (users.size > condition.value!) break;
  }
  return users.size;
}

async function conditionHolds(db: DataSource, condition: AlertCondition, issue: IssueFacts, environment: string | undefined): Promise<boolean> {
  switch (condition.type) {
    case 'NEW_ISSUE':
      return issue.isNew;
    case 'REGRESSION':
      return issue.regressed;
    case 'EVENT_FREQUENCY':
      return (await eventsInWindow(db, issue.id, condition, environment)) > condition.value!;
    case 'USER_FREQUENCY':
      return (await usersInWindow(db, issue.id, condition, environment)) > condition.value!;
  }
}

async function conditionsHold(db: DataSource, rule: AlertRule, issue: IssueFacts): Promise<boolean> {
  const environment = rule.filters.environment ?? undefined;
  // Cheap state conditions first, so frequency queries run only when they decide.
  const ordered = [...rule.conditions].sort((a, b) => Number(a.type.endsWith('FREQUENCY')) - Number(b.type.endsWith('FREQUENCY')));
  for (const condition of ordered) {
    const holds = await conditionHolds(db, condition, issue, environment);
    if (rule.conditionMatch === 'ANY' && holds) return true;
    if (rule.conditionMatch === 'ALL' && !holds) return false;
  }
  return rule.conditionMatch === 'ALL';
}

/** Claims the issue for the rule's interval; true for exactly one of any racing evaluations. */
async function claim(tx: EntityManager, rule: AlertRule, issueId: number): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO alert_rule_issue (rule_id, issue_id, last_fired_at) VALUES ($1, $2, now())
     ON CONFLICT (rule_id, issue_id) DO UPDATE SET last_fired_at = now()
       WHERE alert_rule_issue.last_fired_at <= now() - make_interval(mins => $3)
     RETURNING issue_id`,
    [rule.id, issueId, rule.frequencyMinutes],
  );
  return rows.length > 0;
}

/** Claims, records the fire and queues its actions, all or nothing. Returns the fire id when it fired. */
export async function fireRule(deps: EvaluationDeps, rule: AlertRule, issueId: number, eventRowId: string | null): Promise<number | null> {
  return deps.db.transaction(async (tx) => {
    if (!(await claim(tx, rule, issueId))) return null;
    const [fire] = (await tx.query(
      `INSERT INTO alert_fire (rule_id, issue_id, event_row_id, fired_at, actions, results) VALUES ($1, $2, $3, now(), $4, '[]') RETURNING id`,
      [rule.id, issueId, eventRowId, JSON.stringify(rule.actions)],
    )) as { id: number }[];
    await deps.queue.add('alert.fire', { fireId: fire!.id }, { runner: tx });
    return fire!.id;
  });
}

/** Evaluates every active rule of the batch's projects; returns the ids of the fires it recorded. */
/** Issues that one of the events regressed (the activity the ingest batch wrote names the event). */
export async function regressedIssueIds(db: DataSource, events: BatchEvent[]): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const rows: { issue_id: number }[] = await db.query(
    `SELECT DISTINCT issue_id FROM activity WHERE type = 'set_regression' AND issue_id = ANY($1) AND data->>'eventId' = ANY($2)`,
    [[...new Set(events.map((e) => e.issueId))], events.map((e) => e.eventId)],
  );
  return new Set(rows.map((r) => r.issue_id));
}

export async function evaluateAlertRules(
  deps: EvaluationDeps,
  batch: { events: BatchEvent[]; createdIssueIds: Set<number>; regressedIssueIds: Set<number> },
  now = new Date(),
): Promise<number[]> {
  const { events } = batch;
  if (events.length === 0) return [];
  const rules = await deps.db
    .getRepository(AlertRule)
    .createQueryBuilder('r')
    .where('r.project_id = ANY(:projectIds) AND r.is_active', { projectIds: [...new Set(events.map((e) => e.projectId))] })
    .orderBy('r.id')
    .getMany();
  if (rules.length === 0) return [];
  const issueIds = [...new Set(events.map((e) => e.issueId))];
  const issueRows: { id: number; first_seen: Date }[] = await deps.db.query('SELECT id, first_seen FROM issue WHERE id = ANY($1)', [issueIds]);
  const facts = new Map(
    issueRows.map((r) => [r.id, { id: r.id, firstSeen: new Date(r.first_seen), isNew: batch.createdIssueIds.has(r.id), regressed: batch.regressedIssueIds.has(r.id) }]),
  );
  const latestReleases = new Map<number, string | null>();
  const latestOf = async (projectId: number) => {
    if (!latestReleases.has(projectId)) latestReleases.set(projectId, (await latestProjectRelease(deps.db, projectId))?.version ?? null);
    return latestReleases.get(projectId);
  };

  const fired: number[] = [];
  for (const issueId of issueIds) {
    const issue = facts.get(issueId);
    if (!issue) continue;
    const issueEvents = events.filter((e) => e.issueId === issueId);
    for (const rule of rules.filter((r) => r.projectId === issueEvents[0]!.projectId)) {
      const latest = rule.filters.latestRelease ? await latestOf(rule.projectId) : undefined;
      const event = issueEvents.find((e) => passesFilters(rule.filters, e, issue, latest, now));
      if (!event || !(await conditionsHold(deps.db, rule, issue))) continue;
      const fireId = await fireRule(deps, rule, issueId, event.rowId);
      if (fireId !== null) fired.push(fireId);
    }
  }
  return fired;
}
