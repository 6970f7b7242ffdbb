import type { EntityManager } from 'typeorm';
import type { NormalizedEvent } from '../events/event.types.js';
import { GROUPING_CONFIG, type GroupingResult } from '../events/grouping.js';
import { addToInbox } from './issue-inbox.js';

export interface GroupableEvent {
  projectId: number;
  event: NormalizedEvent;
  grouping: GroupingResult;
  firstReleaseId: number | null;
}

/** The issue of each event (by position in the input) and which of those issues are new. */
export interface IssueAssignment {
  issueIds: number[];
  created: Set<number>;
}

const hashKey = (e: GroupableEvent) => `${e.projectId}:${e.grouping.primary}`;

/**
 * Finds each event's issue by its primary grouping hash, creating issues for hashes never seen. New
 * issues are numbered under a lock on the project row, and hashes are looked up again once the
 * lock is held, so two workers never create two issues for one hash.
 */
export async function assignIssues(tx: EntityManager, events: GroupableEvent[]): Promise<IssueAssignment> {
  const created = new Set<number>();
  const known = await lookUp(tx, events);
  const orphans = events.filter((e) => !known.has(hashKey(e)));
  if (orphans.length > 0) {
    const projectIds = [...new Set(orphans.map((e) => e.projectId))].sort((a, b) => a - b);
    // NO KEY UPDATE: serializes issue creation per project without blocking the foreign-key checks
    // (KEY SHARE) that every concurrent insert of an event, outcome or issue of the project takes.
    await tx.query('SELECT id FROM project WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [projectIds]);
    for (const [hash, issueId] of await lookUp(tx, orphans)) known.set(hash, issueId);

    // One new issue per distinct primary hash; later events of the batch join it.
    const byHash = new Map<string, GroupableEvent[]>();
    for (const e of orphans.filter((o) => !known.has(hashKey(o)))) {
      const group = byHash.get(hashKey(e)) ?? [];
      group.push(e);
      byHash.set(hashKey(e), group);
    }
    for (const [hash, group] of byHash) {
      const first = group.reduce((a, b) => (b.event.timestamp < a.event.timestamp ? b : a));
      const issueId = await createIssue(tx, first);
      created.add(issueId);
      known.set(hash, issueId);
    }
  }
  return { issueIds: events.map((e) => known.get(hashKey(e))!), created };
}

/**
 * Only the primary hash decides: the other hashes of an event (its default grouping behind a
 * custom fingerprint) are stored with the event for regrouping, but must not pull a fingerprinted
 * event into the issue its stack trace would otherwise have joined.
 */
async function lookUp(tx: EntityManager, events: GroupableEvent[]): Promise<Map<string, number>> {
  if (events.length === 0) return new Map();
  const rows: { project_id: number; hash: string; issue_id: number }[] = await tx.query(
    `SELECT g.project_id, g.hash, g.issue_id FROM group_hash g
       JOIN unnest($1::int[], $2::text[]) AS w(project_id, hash) USING (project_id, hash)`,
    [events.map((e) => e.projectId), events.map((e) => e.grouping.primary)],
  );
  return new Map(rows.map((r) => [`${r.project_id}:${r.hash}`, r.issue_id]));
}

async function createIssue(tx: EntityManager, e: GroupableEvent): Promise<number> {
  // (TypeORM returns [rows, count] for an UPDATE … RETURNING.)
  const [[counter]] = (await tx.query('UPDATE project SET issue_counter = issue_counter + 1 WHERE id = $1 RETURNING issue_counter', [
    e.projectId,
  ])) as [[{ issue_counter: number }], number];
  const number = counter.issue_counter;
  const at = new Date(e.event.timestamp * 1000);
  const [{ id }] = (await tx.query(
    `INSERT INTO issue (project_id, short_id_number, title, culprit, level, platform, metadata, status, substatus,
                        first_seen, last_seen, times_seen, user_count, first_release_id, last_release_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'unresolved', 'new', $8, $8, 0, 0, $9, $9) RETURNING id`,
    [e.projectId, number, e.event.title, e.event.culprit, e.event.level, e.event.platform, e.event.metadata, at, e.firstReleaseId],
  )) as [{ id: number }];
  await tx.query(
    `INSERT INTO group_hash (project_id, hash, issue_id, grouping_config) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [e.projectId, e.grouping.primary, id, GROUPING_CONFIG],
  );
  await addToInbox(tx, [{ issueId: id, reason: 'new' }]);
  return id;
}
