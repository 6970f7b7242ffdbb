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
    const firsts = [...byHash.values()].map((group) => group.reduce((a, b) => (b.event.timestamp < a.event.timestamp ? b : a)));
    for (const [i, issueId] of (await createIssues(tx, firsts)).entries()) {
      created.add(issueId);
      known.set(hashKey(firsts[i]!), issueId);
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

/**
 * Creates one issue per event (each the first of its hash), numbered in input order, with a few
 * statements for the whole batch: a release with many new errors must not cost round trips per issue
 * while the project row is locked. Returns the new ids in input order.
 */
async function createIssues(tx: EntityManager, firsts: GroupableEvent[]): Promise<number[]> {
  if (firsts.length === 0) return [];
  const perProject = new Map<number, number>();
  for (const e of firsts) perProject.set(e.projectId, (perProject.get(e.projectId) ?? 0) + 1);
  // (TypeORM returns [rows, count] for an UPDATE … RETURNING.)
  const [counters] = (await tx.query(
    `UPDATE project p SET issue_counter = p.issue_counter + n.count FROM unnest($1::int[], $2::int[]) AS n(id, count)
      WHERE p.id = n.id RETURNING p.id, p.issue_counter`,
    [[...perProject.keys()], [...perProject.values()]],
  )) as [{ id: number; issue_counter: number }[], number];
  // Each project's new numbers run up to its counter, handed out in input order.
  const next = new Map(counters.map((c) => [c.id, c.issue_counter - perProject.get(c.id)! + 1]));
  const rows = firsts.map((e) => {
    const number = next.get(e.projectId)!;
    next.set(e.projectId, number + 1);
    const at = new Date(e.event.timestamp * 1000).toISOString();
    const { title, culprit, level, platform, metadata } = e.event;
    return { project_id: e.projectId, short_id_number: number, title, culprit, level, platform, metadata, at, release_id: e.firstReleaseId };
  });
  const inserted: { id: number; project_id: number; short_id_number: number }[] = await tx.query(
    `INSERT INTO issue (project_id, short_id_number, title, culprit, level, platform, metadata, status, substatus,
                        first_seen, last_seen, times_seen, user_count, first_release_id, last_release_id)
     SELECT r.project_id, r.short_id_number, r.title, r.culprit, r.level, r.platform, r.metadata, 'unresolved', 'new',
            r.at, r.at, 0, 0, r.release_id, r.release_id
       FROM jsonb_to_recordset($1::jsonb) AS r(project_id int, short_id_number int, title text, culprit text, level text, platform text,
                                               metadata jsonb, at timestamptz, release_id int)
     RETURNING id, project_id, short_id_number`,
    [JSON.stringify(rows)],
  );
  const idOf = new Map(inserted.map((r) => [`${r.project_id}:${r.short_id_number}`, r.id]));
  const ids = rows.map((r) => idOf.get(`${r.project_id}:${r.short_id_number}`)!);
  await tx.query(
    `INSERT INTO group_hash (project_id, hash, issue_id, grouping_config) SELECT *, $4 FROM unnest($1::int[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING`,
    [firsts.map((e) => e.projectId), firsts.map((e) => e.grouping.primary), ids, GROUPING_CONFIG],
  );
  await addToInbox(tx, ids.map((issueId) => ({ issueId, reason: 'new' as const })));
  return ids;
}
