/**
 * Handles → members and teams of one organization. A person handle matches a member's email, their
 * name without spaces, or their email's local part, case-insensitively, and only when exactly one
 * member matches; anything else stays plain text.
 */
import type { EntityManager } from 'typeorm';
import type { Handles } from './mention-parser.js';

export interface MentionTargets {
  userIds: number[];
  teams: { id: number; slug: string; memberUserIds: number[] }[];
}

interface MemberRow {
  user_id: number;
  email: string;
  name: string;
}

function matches(member: MemberRow, handle: string): boolean {
  const email = member.email.toLowerCase();
  return email === handle || email.split('@')[0] === handle || member.name.replace(/\s+/g, '').toLowerCase() === handle;
}

export async function resolveMentions(tx: EntityManager, organizationId: number, handles: Handles): Promise<MentionTargets> {
  const targets: MentionTargets = { userIds: [], teams: [] };
  if (handles.people.length > 0) {
    const members: MemberRow[] = await tx.query(
      'SELECT u.id AS user_id, u.email, u.name FROM organization_member m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1',
      [organizationId],
    );
    for (const handle of handles.people) {
      const found = members.filter((m) => matches(m, handle));
      if (found.length === 1 && !targets.userIds.includes(found[0]!.user_id)) targets.userIds.push(found[0]!.user_id);
    }
  }
  if (handles.teams.length > 0) {
    const rows: { id: number; slug: string; user_ids: number[] | null }[] = await tx.query(
      `SELECT t.id, t.slug, array_remove(array_agg(m.user_id ORDER BY m.user_id), NULL) AS user_ids
         FROM team t LEFT JOIN team_member tm ON tm.team_id = t.id LEFT JOIN organization_member m ON m.id = tm.membership_id
        WHERE t.organization_id = $1 AND lower(t.slug) = ANY($2::text[])
        GROUP BY t.id ORDER BY t.id`,
      [organizationId, handles.teams],
    );
    targets.teams = rows.map((r) => ({ id: r.id, slug: r.slug, memberUserIds: r.user_ids ?? [] }));
  }
  return targets;
}
