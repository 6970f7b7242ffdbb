/**
 * For domains that react to new comments (outgoing `comment.created` webhooks, Slack): the
 * comment behind an activity id, with its issue, author and mentions, or null when the activity
 * is not a comment (or is gone). Every new activity row is announced as `activityAdded` and, for
 * comments, queued as the `activity.notify` job keyed by its id (issues/activity-log.ts).
 */
import type { DataSource } from 'typeorm';

export interface CreatedComment {
  activityId: number;
  issueId: number;
  projectId: number;
  organizationId: number;
  /** Markdown, as written. */
  text: string;
  authorUserId: number | null;
  dateCreated: Date;
  /** Members mentioned (directly, or through `teamId`). */
  mentions: { userId: number; teamId: number | null }[];
}

export async function createdComment(db: DataSource, activityId: number): Promise<CreatedComment | null> {
  const [row] = (await db.query(
    `SELECT a.id, a.issue_id, a.user_id, a.data, a.date_created, i.project_id, p.organization_id
       FROM activity a JOIN issue i ON i.id = a.issue_id JOIN project p ON p.id = i.project_id
      WHERE a.id = $1 AND a.type = 'note'`,
    [activityId],
  )) as { id: number; issue_id: number; user_id: number | null; data: { text?: string }; date_created: Date; project_id: number; organization_id: number }[];
  if (!row) return null;
  const mentions: { user_id: number; team_id: number | null }[] = await db.query('SELECT user_id, team_id FROM mention WHERE activity_id = $1 ORDER BY id', [activityId]);
  return {
    activityId: row.id,
    issueId: row.issue_id,
    projectId: row.project_id,
    organizationId: row.organization_id,
    text: row.data.text ?? '',
    authorUserId: row.user_id,
    dateCreated: new Date(row.date_created),
    mentions: mentions.map((m) => ({ userId: m.user_id, teamId: m.team_id })),
  };
}
