import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { App } from '../../api/src/app.js';
import { EventAttachment } from '../../api/src/events/event-attachment.entity.js';
import { EventRow } from '../../api/src/events/event.entity.js';
import type { Level, NormalizedEvent } from '../../api/src/events/event.types.js';
import { computeGrouping, GROUPING_CONFIG } from '../../api/src/events/grouping.js';
import { normalizeEvent } from '../../api/src/events/normalize.js';
import { GroupHash } from '../../api/src/issues/group-hash.entity.js';
import { IssueHourlyCount } from '../../api/src/issues/issue-hourly-count.entity.js';
import { IssueTagValue } from '../../api/src/issues/issue-tag-value.entity.js';
import { planTriage, triageIssues, type IssueUpdateInput } from '../../api/src/issues/issue-triage.service.js';
import { IssueUser } from '../../api/src/issues/issue-user.entity.js';
import { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { ReleaseProject } from '../../api/src/releases/release-project.entity.js';
import { Release } from '../../api/src/releases/release.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { accessFor, unique } from './factories.js';

/**
 * Issues and events for tests. Until the ingestion pipeline can be driven from here, rows are
 * inserted directly, shaped as ingestion writes them: events are real SDK payloads run through
 * the product's normalizer and grouping, and the issue's counters, tag values, hourly counts and
 * users are derived from those events.
 */

export interface EventSpec {
  /** The exception's value (message); the title becomes "<type>: <value>". */
  value?: string;
  type?: string;
  level?: Level;
  environment?: string;
  release?: string;
  user?: { id?: string; email?: string; username?: string };
  tags?: Record<string, string>;
  timestamp?: Date;
  eventId?: string;
  /** A function name for the in-app frame: it becomes the culprit. */
  functionName?: string;
}

export interface IssueSpec {
  /** Default: one event. All events share a fingerprint, so they belong to one new issue. */
  events?: EventSpec[];
  /** Columns set after the fact (status, counts, dates), for states ingestion would reach slowly. */
  overrides?: Partial<Issue>;
}

const SDK = { name: 'sentry.javascript.node', version: '11.12.0', packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }] };

/** A @sentry/node captureException payload, normalized as ingestion does. */
export function sentryEvent(spec: EventSpec, fingerprint: string): NormalizedEvent {
  const timestamp = spec.timestamp ?? new Date();
  const raw = {
    event_id: spec.eventId ?? randomUUID().replace(/-/g, ''),
    platform: 'node',
    timestamp: timestamp.getTime() / 1000,
    level: spec.level ?? 'error',
    environment: spec.environment ?? 'production',
    release: spec.release,
    server_name: 'web-1',
    tags: spec.tags,
    user: spec.user,
    fingerprint: [fingerprint],
    contexts: { runtime: { name: 'node', version: 'v20.20.2' }, os: { name: 'Debian', version: '12.11' } },
    sdk: SDK,
    request: { method: 'POST', url: 'https://shop.example.com/cart?id=7', headers: { 'User-Agent': 'curl/8.5.0' } },
    breadcrumbs: [{ timestamp: timestamp.getTime() / 1000 - 1, category: 'http', message: 'GET /cart', level: 'info' }],
    exception: {
      values: [
        {
          type: spec.type ?? 'TypeError',
          value: spec.value ?? 'Cannot read properties of undefined',
          mechanism: { type: 'onuncaughtexception', handled: false },
          stacktrace: {
            frames: [
              { filename: 'node:internal/process/task_queues', function: 'processTicksAndRejections', lineno: 95, in_app: false },
              {
                filename: '/srv/app/cart.js', module: 'cart', function: spec.functionName ?? 'addItem', lineno: 42, colno: 13, in_app: true,
                pre_context: ['function addItem(cart, item) {'], context_line: '  return cart.items.push(item.id);', post_context: ['}'],
              },
            ],
          },
        },
      ],
    },
  };
  return normalizeEvent(raw, { receivedAt: new Date(Math.max(timestamp.getTime(), Date.now())) });
}

async function releaseFor(tx: EntityManager, project: Project, version: string): Promise<Release> {
  const repo = tx.getRepository(Release);
  const existing = await repo.findOneBy({ organizationId: project.organizationId, version });
  const release = existing ?? (await repo.save(repo.create({ organizationId: project.organizationId, version })));
  await tx.getRepository(ReleaseProject).upsert({ releaseId: release.id, projectId: project.id }, ['releaseId', 'projectId']);
  return release;
}

/** The distinct-user key ingestion counts users by. */
function userKey(event: NormalizedEvent): string | null {
  const user = event.user;
  if (user?.id) return `id:${user.id}`;
  if (user?.email) return `email:${user.email}`;
  if (user?.username) return `username:${user.username}`;
  return user?.ipAddress ? `ip:${user.ipAddress}` : null;
}

/** A new issue in `project` with the given events (oldest first by timestamp). */
export async function buildIssue(app: App, project: Project, spec: IssueSpec = {}): Promise<{ issue: Issue; events: EventRow[] }> {
  const fingerprint = unique('fingerprint');
  const events = (spec.events ?? [{}]).map((e) => sentryEvent(e, fingerprint)).sort((a, b) => a.timestamp - b.timestamp);
  const first = events[0]!;
  const latest = events.at(-1)!;
  const at = (event: NormalizedEvent) => new Date(event.timestamp * 1000);
  return app.db.transaction(async (tx) => {
    const releases = new Map<string, Release>();
    for (const version of new Set(events.flatMap((e) => (e.release ? [e.release] : [])))) {
      releases.set(version, await releaseFor(tx, project, version));
    }
    const [[counter]] = (await tx.query('UPDATE project SET issue_counter = issue_counter + 1 WHERE id = $1 RETURNING issue_counter', [
      project.id,
    ])) as [[{ issue_counter: number }], number];
    const lastVersion = [...events].reverse().find((e) => e.release)?.release;
    const users = new Set(events.map(userKey).filter((key): key is string => key !== null));
    const issueRepo = tx.getRepository(Issue);
    const issue = await issueRepo.save(
      issueRepo.create({
        projectId: project.id,
        shortIdNumber: counter.issue_counter,
        title: latest.title,
        culprit: latest.culprit,
        level: latest.level,
        platform: latest.platform,
        metadata: latest.metadata,
        status: 'unresolved',
        substatus: 'new',
        firstSeen: at(first),
        lastSeen: at(latest),
        timesSeen: events.length,
        userCount: users.size,
        firstReleaseId: first.release ? (releases.get(first.release)?.id ?? null) : null,
        lastReleaseId: lastVersion ? (releases.get(lastVersion)?.id ?? null) : null,
        ...spec.overrides,
      }),
    );
    const grouping = computeGrouping(first);
    // Like ingestion, a hash another issue already owns stays with it (the default hash behind a fingerprint).
    await tx
      .createQueryBuilder()
      .insert()
      .into(GroupHash)
      .values(grouping.hashes.map((hash) => ({ projectId: project.id, hash, issueId: issue.id, groupingConfig: GROUPING_CONFIG })))
      .orIgnore()
      .execute();
    const rows = events.map((event) =>
      tx.getRepository(EventRow).create({
        projectId: project.id,
        issueId: issue.id,
        eventId: event.eventId,
        timestamp: at(event),
        receivedAt: new Date(event.receivedAt * 1000),
        release: event.release ?? null,
        environment: event.environment,
        hashes: computeGrouping(event).hashes,
        groupingConfig: GROUPING_CONFIG,
        data: event,
      }),
    );
    const saved = await tx.getRepository(EventRow).save(rows);
    await recordDerivedRows(tx, issue.id, events);
    return { issue, events: saved };
  });
}

/** Tag values (with user.email), hourly counts and distinct users, as ingestion derives them. */
async function recordDerivedRows(tx: EntityManager, issueId: number, events: NormalizedEvent[]): Promise<void> {
  const tags = new Map<string, { key: string; value: string; timesSeen: number; firstSeen: Date; lastSeen: Date }>();
  const hours = new Map<number, number>();
  const users = new Map<string, Date>();
  for (const event of events) {
    const when = new Date(event.timestamp * 1000);
    const pairs = [...event.tags, ...(event.user?.email ? [['user.email', event.user.email] as [string, string]] : [])];
    for (const [key, value] of pairs) {
      const entry = tags.get(`${key}\u0000${value}`);
      if (entry) {
        entry.timesSeen++;
        entry.lastSeen = when;
      } else tags.set(`${key}\u0000${value}`, { key, value, timesSeen: 1, firstSeen: when, lastSeen: when });
    }
    const hour = Math.floor(when.getTime() / 3_600_000) * 3_600_000;
    hours.set(hour, (hours.get(hour) ?? 0) + 1);
    const key = userKey(event);
    if (key && !users.has(key)) users.set(key, when);
  }
  if (tags.size > 0) await tx.getRepository(IssueTagValue).insert([...tags.values()].map((t) => ({ issueId, ...t })));
  await tx.getRepository(IssueHourlyCount).insert([...hours].map(([hour, count]) => ({ issueId, hour: new Date(hour), count })));
  if (users.size > 0) await tx.getRepository(IssueUser).insert([...users].map(([userKey, firstSeen]) => ({ issueId, userKey, firstSeen })));
}

/** A release of the organization, attached to the project (created on first sight, like ingestion). */
export async function buildRelease(app: App, project: Project, version = unique('web@1.0')): Promise<Release> {
  return app.db.transaction((tx) => releaseFor(tx, project, version));
}

export async function buildAttachment(app: App, event: EventRow, name = 'log.txt', contents = 'hello'): Promise<EventAttachment> {
  const repo = app.db.getRepository(EventAttachment);
  const data = Buffer.from(contents);
  return repo.save(repo.create({ projectId: event.projectId, eventId: event.eventId, name, contentType: 'text/plain', size: data.length, data }));
}

/** Triage through the product's service, as `user` (who must be able to write events in `organization`). */
export async function triage(app: App, user: User, organization: Organization, issue: Issue, input: IssueUpdateInput): Promise<Issue> {
  const access = await accessFor(app, user, organization);
  const [updated] = await triageIssues(app.db, app.pubsub, access, [issue.id], await planTriage(app.db, access, input));
  return updated!;
}
