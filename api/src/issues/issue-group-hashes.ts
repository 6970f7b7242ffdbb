import type { DataSource } from 'typeorm';
import { EventRow } from '../events/event.entity.js';

export interface GroupHashSummary {
  hash: string;
  /** Stored events whose primary hash this is. */
  eventCount: number;
  latestEvent: EventRow | null;
}

/** The grouping hashes of an issue (what a merge brought in), each with its newest event, busiest first. */
export async function issueGroupHashes(db: DataSource, issueId: number): Promise<GroupHashSummary[]> {
  const hashes: { hash: string; events: number; latest_id: string | null; latest_received: Date | null }[] = await db.query(
    `SELECT g.hash, COALESCE(s.events, 0)::int AS events, l.id::text AS latest_id, l.received_at AS latest_received
       FROM group_hash g
       LEFT JOIN LATERAL (SELECT COUNT(*) AS events FROM event e WHERE e.issue_id = g.issue_id AND e.hashes[1] = g.hash) s ON true
       LEFT JOIN LATERAL (SELECT e.id, e.received_at FROM event e WHERE e.issue_id = g.issue_id AND e.hashes[1] = g.hash
                           ORDER BY e.timestamp DESC, e.id DESC LIMIT 1) l ON true
      WHERE g.issue_id = $1 ORDER BY events DESC, g.hash`,
    [issueId],
  );
  const ids = hashes.filter((h) => h.latest_id !== null).map((h) => h.latest_id!);
  const rows = ids.length > 0 ? await db.getRepository(EventRow).createQueryBuilder('e').where('e.id IN (:...ids)', { ids }).getMany() : [];
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  return hashes.map((h) => ({ hash: h.hash, eventCount: h.events, latestEvent: h.latest_id ? (byId.get(h.latest_id) ?? null) : null }));
}
