import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { App } from '../../api/src/server/app.js';
import { EventAttachment } from '../../api/src/events/event-attachment.entity.js';
import { serializeEnvelope } from '../../api/src/ingest/envelope.js';
import { processQueuedEnvelopes } from '../../api/src/ingest/process-envelopes.js';
import { EventRow } from '../../api/src/events/event.entity.js';
import type { Level, NormalizedEvent } from '../../api/src/events/event.types.js';
import { normalizeEvent } from '../../api/src/events/normalize.js';
import { planTriage, triageIssues, type IssueUpdateInput } from '../../api/src/issues/issue-triage.service.js';
import { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { ReleaseProject } from '../../api/src/releases/release-project.entity.js';
import { Release } from '../../api/src/releases/release.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { accessFor, unique } from './factories.js';

/** Issues and events for tests: real SDK payloads through the product's ingestion pipeline. */

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
  /** Reuse a fingerprint to add events to an issue made before (default: a new one, so a new issue). */
  fingerprint?: string;
}

const SDK = { name: 'sentry.javascript.node', version: '11.12.0', packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }] };

/** A @sentry/node captureException payload, as the SDK sends it. */
export function rawSentryEvent(spec: EventSpec, fingerprint: string): Record<string, unknown> & { event_id: string; timestamp: number } {
  const timestamp = spec.timestamp ?? new Date();
  return {
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
}

/** The same payload, normalized as ingestion does. */
export function sentryEvent(spec: EventSpec, fingerprint: string): NormalizedEvent {
  const raw = rawSentryEvent(spec, fingerprint);
  return normalizeEvent(raw, { receivedAt: new Date(Math.max(raw.timestamp * 1000, Date.now())) });
}

async function releaseFor(tx: EntityManager, project: Project, version: string): Promise<Release> {
  const repo = tx.getRepository(Release);
  const existing = await repo.findOneBy({ organizationId: project.organizationId, version });
  const release = existing ?? (await repo.save(repo.create({ organizationId: project.organizationId, version })));
  await tx.getRepository(ReleaseProject).upsert({ releaseId: release.id, projectId: project.id }, ['releaseId', 'projectId']);
  return release;
}

/**
 * A new issue in `project` with the given events, made by the product's own pipeline: the events
 * are queued as the ingest edge queues them (received when they happened) and processed by the
 * same batch code the workers run. `overrides` then set states ingestion would reach slowly.
 */
export async function buildIssue(app: App, project: Project, spec: IssueSpec = {}): Promise<{ issue: Issue; events: EventRow[] }> {
  const fingerprint = spec.fingerprint ?? unique('fingerprint');
  const raws = (spec.events ?? [{}]).map((e) => rawSentryEvent(e, fingerprint)).sort((a, b) => a.timestamp - b.timestamp);
  const queued: { id: string }[] = await app.db.query(
    `INSERT INTO ingest_queue (project_id, received_at, envelope)
     SELECT $1, to_timestamp(ts), e FROM unnest($2::float8[], $3::bytea[]) AS q(ts, e) RETURNING id`,
    [
      project.id,
      raws.map((raw) => raw.timestamp),
      raws.map((raw) => serializeEnvelope({ header: { event_id: raw.event_id }, items: [{ header: { type: 'event' }, payload: Buffer.from(JSON.stringify(raw)) }] })),
    ],
  );
  // A running consumer may take some of them first; either way they end up stored.
  const ids = queued.map((row) => row.id);
  while (((await app.db.query('SELECT 1 FROM ingest_queue WHERE id = ANY($1)', [ids])) as unknown[]).length > 0) {
    if ((await processQueuedEnvelopes(app, 100)) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const events = await app.db.getRepository(EventRow).find({
    where: { projectId: project.id, eventId: In(raws.map((raw) => raw.event_id)) },
    order: { timestamp: 'ASC', id: 'ASC' },
  });
  if (events.length !== raws.length) {
    const outcomes = await app.db.query('SELECT outcome, reason, quantity FROM outcome WHERE project_id = $1', [project.id]);
    const parked = await app.db.query('SELECT error FROM ingest_failed WHERE project_id = $1', [project.id]);
    throw new Error(`buildIssue: ${raws.length - events.length} events were not stored (outcomes ${JSON.stringify(outcomes)}, parked ${JSON.stringify(parked)})`);
  }
  const issueId = events[0]!.issueId;
  if (spec.overrides) await app.db.getRepository(Issue).update(issueId, spec.overrides);
  return { issue: await app.db.getRepository(Issue).findOneByOrFail({ id: issueId }), events };
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
  const [updated] = await triageIssues(app.db, app, access, [issue.id], await planTriage(app.db, access, input));
  return updated!;
}
