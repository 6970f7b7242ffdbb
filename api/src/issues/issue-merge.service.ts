/**
 * Merging and unmerging issues by hand (grouping fixes), as in Sentry: a merge folds issues of one
 * project into the one with the most events (ties: the oldest), moving its events, grouping
 * hashes, counters, tag values, users and history, so later events with those hashes land in
 * the primary; an unmerge splits some of an issue's hashes, with their events, into a new issue.
 * Both run in one transaction, with the issue rows locked in id order.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, notFound } from '../errors.js';
import { eventPayload } from '../events/event-payload.js';
import { userKeyOf } from '../events/user-key.js';
import type { NormalizedEvent } from '../events/event.types.js';
import { announceActivities, type ActivityDeps } from './activity-log.js';
import { Issue } from './issue.entity.js';
import { recordHourlyCounts, recordTagValues, recordUsers } from './record-issue-events.js';
import { formatShortId } from './short-id.js';

/** Bulk merges name at most this many issues. */
export const MERGE_LIMIT = 100;

/** The issue that absorbs the others: most events, then the oldest (Sentry sorts by times seen). */
export function mergePrimary<T extends Pick<Issue, 'id' | 'timesSeen'>>(issues: readonly T[]): T {
  return [...issues].sort((a, b) => b.timesSeen - a.timesSeen || a.id - b.id)[0]!;
}

async function lockIssues(tx: EntityManager, organizationId: number, ids: readonly number[]): Promise<Issue[]> {
  if (ids.length === 0) return [];
  return tx
    .getRepository(Issue)
    .createQueryBuilder('i')
    .innerJoinAndSelect('i.project', 'p', "p.status = 'active' AND p.organization_id = :organizationId", { organizationId })
    .where('i.id IN (:...ids)', { ids: [...ids] })
    .orderBy('i.id')
    .setLock('pessimistic_write', undefined, ['i'])
    .getMany();
}

/** Merges the issues (two or more, one project, all of the caller's organization) into one; returns it. */
export async function mergeIssues(db: DataSource, deps: ActivityDeps, access: OrgAccess, issueIds: readonly number[]): Promise<Issue> {
  const ids = [...new Set(issueIds)];
  if (ids.length < 2) throw badInput('Merge needs at least two issues', 'issueIds');
  if (ids.length > MERGE_LIMIT) throw badInput(`At most ${MERGE_LIMIT} issues at a time`, 'issueIds');
  const primaryId = await db.transaction(async (tx) => {
    const issues = await lockIssues(tx, access.organization.id, ids);
    if (issues.length !== ids.length) throw notFound('Issue');
    if (new Set(issues.map((i) => i.projectId)).size > 1) throw badInput('Only issues of one project can be merged', 'issueIds');
    const primary = mergePrimary(issues);
    const children = issues.filter((i) => i.id !== primary.id);
    const childIds = children.map((i) => i.id);
    await moveRows(tx, primary.id, childIds);
    await tx.query(
      `UPDATE issue i SET times_seen = i.times_seen + c.times_seen, first_seen = LEAST(i.first_seen, c.first_seen),
              last_seen = GREATEST(i.last_seen, c.last_seen),
              user_count = (SELECT COUNT(*) FROM issue_user u WHERE u.issue_id = i.id),
              first_release_id = CASE WHEN c.first_seen < i.first_seen THEN COALESCE(c.first_release_id, i.first_release_id) ELSE COALESCE(i.first_release_id, c.first_release_id) END,
              last_release_id = CASE WHEN c.last_seen > i.last_seen THEN COALESCE(c.last_release_id, i.last_release_id) ELSE COALESCE(i.last_release_id, c.last_release_id) END
         FROM (SELECT SUM(times_seen)::int AS times_seen, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen,
                      (ARRAY_AGG(first_release_id ORDER BY first_seen))[1] AS first_release_id,
                      (ARRAY_AGG(last_release_id ORDER BY last_seen DESC))[1] AS last_release_id
                 FROM issue WHERE id = ANY($2)) c
        WHERE i.id = $1`,
      [primary.id, childIds],
    );
    const [{ id: activityId }] = (await tx.query(
      `INSERT INTO activity (issue_id, type, user_id, data) VALUES ($1, 'merge', $2, $3) RETURNING id`,
      [primary.id, access.viewer.user.id, { issues: children.map((c) => ({ id: c.id, shortId: formatShortId(c.project!.slug, c.shortIdNumber) })) }],
    )) as [{ id: number }];
    await tx.getRepository(Issue).delete({ id: In(childIds) });
    await announceActivities(tx, deps, [activityId]);
    for (const issue of issues) {
      await deps.pubsub.publish('issueUpdated', { organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id }, tx);
    }
    return primary.id;
  });
  return db.getRepository(Issue).findOneByOrFail({ id: primaryId });
}

/** Everything of the children that belongs to the primary from now on. */
async function moveRows(tx: EntityManager, primaryId: number, childIds: number[]): Promise<void> {
  const params = [primaryId, childIds];
  await tx.query('UPDATE event SET issue_id = $1 WHERE issue_id = ANY($2)', params);
  await tx.query('UPDATE group_hash SET issue_id = $1 WHERE issue_id = ANY($2)', params);
  await tx.query('UPDATE activity SET issue_id = $1 WHERE issue_id = ANY($2)', params);
  await tx.query(
    `INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
     SELECT $1, key, value, SUM(times_seen), MIN(first_seen), MAX(last_seen) FROM issue_tag_value WHERE issue_id = ANY($2) GROUP BY key, value
     ON CONFLICT (issue_id, key, value) DO UPDATE SET times_seen = issue_tag_value.times_seen + EXCLUDED.times_seen,
       first_seen = LEAST(issue_tag_value.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(issue_tag_value.last_seen, EXCLUDED.last_seen)`,
    params,
  );
  await tx.query(
    `INSERT INTO issue_hourly_count (issue_id, hour, count)
     SELECT $1, hour, SUM(count) FROM issue_hourly_count WHERE issue_id = ANY($2) GROUP BY hour
     ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly_count.count + EXCLUDED.count`,
    params,
  );
  await tx.query(
    `INSERT INTO issue_user (issue_id, user_key, first_seen)
     SELECT $1, user_key, MIN(first_seen) FROM issue_user WHERE issue_id = ANY($2) GROUP BY user_key
     ON CONFLICT (issue_id, user_key) DO UPDATE SET first_seen = LEAST(issue_user.first_seen, EXCLUDED.first_seen)`,
    params,
  );
  await tx.query(
    `INSERT INTO issue_subscription (issue_id, user_id, is_active, reason)
     SELECT DISTINCT ON (user_id) $1, user_id, is_active, reason FROM issue_subscription WHERE issue_id = ANY($2) ORDER BY user_id, is_active DESC
     ON CONFLICT DO NOTHING`,
    params,
  );
  await tx.query(
    'INSERT INTO issue_bookmark (issue_id, user_id) SELECT DISTINCT $1::int, user_id FROM issue_bookmark WHERE issue_id = ANY($2) ON CONFLICT DO NOTHING',
    params,
  );
  // Rows of later domains that name the issue: kept (not cascaded away with the children), so
  // mentions, alert history, Slack messages (their buttons now act on the primary) and the
  // commits that fix it follow the merge. Share links of the children end with them.
  for (const table of ['mention', 'alert_fire', 'slack_issue_message']) await tx.query(`UPDATE ${table} SET issue_id = $1 WHERE issue_id = ANY($2)`, params);
  await tx.query(
    `INSERT INTO issue_commit (issue_id, commit_id, date_added)
     SELECT $1, commit_id, MIN(date_added) FROM issue_commit WHERE issue_id = ANY($2) GROUP BY commit_id ON CONFLICT DO NOTHING`,
    params,
  );
  // The primary's own "last fired" wins: a merge does not make its rules fire again.
  await tx.query(
    `INSERT INTO alert_rule_issue (rule_id, issue_id, last_fired_at)
     SELECT rule_id, $1, MAX(last_fired_at) FROM alert_rule_issue WHERE issue_id = ANY($2) GROUP BY rule_id ON CONFLICT DO NOTHING`,
    params,
  );
}

/** Moves `hashes` of the issue, with their events, to a new issue of its project; returns the new issue. */
export async function unmergeIssue(db: DataSource, deps: ActivityDeps, access: OrgAccess, issueId: number, hashes: readonly string[]): Promise<Issue> {
  const moved = [...new Set(hashes)];
  if (moved.length === 0) throw badInput('Name at least one hash to unmerge', 'hashes');
  const newId = await db.transaction(async (tx) => {
    const [source] = await lockIssues(tx, access.organization.id, [issueId]);
    if (!source) throw notFound('Issue');
    const own: { hash: string }[] = await tx.query('SELECT hash FROM group_hash WHERE issue_id = $1', [source.id]);
    const ownHashes = new Set(own.map((r) => r.hash));
    const unknown = moved.filter((h) => !ownHashes.has(h));
    if (unknown.length > 0) throw badInput(`Not a hash of this issue: ${unknown.slice(0, 3).join(', ')}`, 'hashes');
    if (moved.length === ownHashes.size) throw badInput('Keep at least one hash on the issue: unmerge all but one', 'hashes');
    const latest = await tx.query(
      'SELECT payload FROM event WHERE issue_id = $1 AND hashes[1] = ANY($2) ORDER BY timestamp DESC, id DESC LIMIT 1',
      [source.id, moved],
    ) as { payload: Buffer }[];
    const model = latest[0] ? eventPayload(latest[0]) : null;
    const target = await createSplitIssue(tx, source, model);
    await tx.query('UPDATE group_hash SET issue_id = $1 WHERE issue_id = $2 AND hash = ANY($3)', [target, source.id, moved]);
    await tx.query('UPDATE event SET issue_id = $1 WHERE issue_id = $2 AND hashes[1] = ANY($3)', [target, source.id, moved]);
    await recomputeCounters(tx, [source.id, target]);
    const shortId = (number: number) => formatShortId(source.project!.slug, number);
    const newNumber = (await tx.getRepository(Issue).findOneByOrFail({ id: target })).shortIdNumber;
    const activity = (await tx.query(
      `INSERT INTO activity (issue_id, type, user_id, data) VALUES ($1, 'unmerge', $3, $4), ($2, 'unmerge', $3, $5) RETURNING id`,
      [
        source.id,
        target,
        access.viewer.user.id,
        { hashes: moved, destination: { id: target, shortId: shortId(newNumber) } },
        { hashes: moved, source: { id: source.id, shortId: shortId(source.shortIdNumber) } },
      ],
    )) as { id: number }[];
    await announceActivities(tx, deps, activity.map((a) => a.id));
    for (const id of [source.id, target]) {
      await deps.pubsub.publish('issueUpdated', { organizationId: access.organization.id, projectId: source.projectId, issueId: id }, tx);
    }
    await deps.pubsub.publish('issueCreated', { organizationId: access.organization.id, projectId: source.projectId, issueId: target }, tx);
    return target;
  });
  return db.getRepository(Issue).findOneByOrFail({ id: newId });
}

/** A new issue for the split-off hashes, titled after their newest event, keeping the source's triage state. */
async function createSplitIssue(tx: EntityManager, source: Issue, model: NormalizedEvent | null): Promise<number> {
  const [[counter]] = (await tx.query('UPDATE project SET issue_counter = issue_counter + 1 WHERE id = $1 RETURNING issue_counter', [
    source.projectId,
  ])) as [[{ issue_counter: number }], number];
  const [{ id }] = (await tx.query(
    `INSERT INTO issue (project_id, short_id_number, title, culprit, level, platform, metadata, status, substatus, first_seen, last_seen, times_seen, user_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 0, 0) RETURNING id`,
    [
      source.projectId,
      counter.issue_counter,
      model?.title ?? source.title,
      model?.culprit ?? source.culprit,
      model?.level ?? source.level,
      model?.platform ?? source.platform,
      model?.metadata ?? source.metadata,
      source.status,
      source.status === 'unresolved' ? 'new' : source.substatus,
      source.firstSeen,
    ],
  )) as [{ id: number }];
  return id;
}

const REBUILD_BATCH = 500;

/**
 * Rebuilds the counters, tag values, hourly counts and users of issues from their stored events
 * (what an unmerge leaves each side with), reading the events in id order, a batch at a time.
 */
async function recomputeCounters(tx: EntityManager, issueIds: number[]): Promise<void> {
  for (const table of ['issue_tag_value', 'issue_hourly_count', 'issue_user']) await tx.query(`DELETE FROM ${table} WHERE issue_id = ANY($1)`, [issueIds]);
  let after = '0';
  for (;;) {
    const rows: { id: string; issue_id: number; payload: Buffer }[] = await tx.query(
      'SELECT id::text AS id, issue_id, payload FROM event WHERE issue_id = ANY($1) AND id > $2 ORDER BY id LIMIT $3',
      [issueIds, after, REBUILD_BATCH],
    );
    if (rows.length === 0) break;
    const stored = rows.map((row) => {
      const event = eventPayload(row);
      return { issueId: row.issue_id, event, release: null, userKey: userKeyOf(event) };
    });
    await recordUsers(tx, stored);
    await recordTagValues(tx, stored);
    await recordHourlyCounts(tx, stored);
    after = rows.at(-1)!.id;
  }
  await tx.query(
    `UPDATE issue i SET times_seen = COALESCE(s.count, 0), first_seen = COALESCE(s.first_seen, i.first_seen), last_seen = COALESCE(s.last_seen, i.last_seen),
            user_count = (SELECT COUNT(*) FROM issue_user u WHERE u.issue_id = i.id),
            first_release_id = (SELECT r.id FROM event e JOIN release r ON r.version = e.release JOIN project p ON p.id = i.project_id AND r.organization_id = p.organization_id
                                 WHERE e.issue_id = i.id AND e.release IS NOT NULL ORDER BY e.timestamp LIMIT 1),
            last_release_id = (SELECT r.id FROM event e JOIN release r ON r.version = e.release JOIN project p ON p.id = i.project_id AND r.organization_id = p.organization_id
                                WHERE e.issue_id = i.id AND e.release IS NOT NULL ORDER BY e.timestamp DESC LIMIT 1)
       FROM (SELECT x.id, c.count, c.first_seen, c.last_seen FROM unnest($1::int[]) AS x(id)
               LEFT JOIN LATERAL (SELECT COUNT(*)::int AS count, MIN(timestamp) AS first_seen, MAX(timestamp) AS last_seen FROM event WHERE issue_id = x.id) c ON true) s
      WHERE i.id = s.id`,
    [issueIds],
  );
}
