/**
 * The JSON a service hook receives, in the shape of Sentry's service hook payload (`project`,
 * `group` with its URL, `event` with `event_id` and its URL), plus `action` (the hook event) and,
 * when the delivery is about one, the `activity` or `alert`.
 */
import { eventPayload } from '../events/event-payload.js';
import type { DataSource } from 'typeorm';
import { formatShortId } from '../issues/short-id.js';
import type { DeliverySubject } from './service-hook-delivery.entity.js';
import type { ServiceHookEvent } from './service-hook-events.js';

interface IssueRow {
  id: number;
  short_id_number: number;
  title: string;
  culprit: string;
  level: string;
  status: string;
  substatus: string | null;
  platform: string;
  first_seen: Date;
  last_seen: Date;
  times_seen: number;
  user_count: number;
  assignee_user_id: number | null;
  assignee_team_id: number | null;
  project_id: number;
  project_slug: string;
  project_name: string;
  organization_slug: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The payload, or null when its issue no longer exists (deleted since it was emitted). */
export async function buildHookPayload(db: DataSource, publicUrl: string, event: ServiceHookEvent, subject: DeliverySubject): Promise<Record<string, unknown> | null> {
  const [issue] = (await db.query(
    `SELECT i.id, i.short_id_number, i.title, i.culprit, i.level, i.status, i.substatus, i.platform, i.first_seen, i.last_seen,
            i.times_seen, i.user_count, i.assignee_user_id, i.assignee_team_id, p.id AS project_id, p.slug AS project_slug,
            p.name AS project_name, o.slug AS organization_slug
       FROM issue i JOIN project p ON p.id = i.project_id JOIN organization o ON o.id = p.organization_id WHERE i.id = $1`,
    [subject.issueId],
  )) as IssueRow[];
  if (!issue) return null;
  const shortId = formatShortId(issue.project_slug, issue.short_id_number);
  const issueUrl = `${publicUrl}/organizations/${encodeURIComponent(issue.organization_slug)}/issues/${shortId}/`;
  const payload: Record<string, unknown> = {
    action: event,
    project: { id: String(issue.project_id), slug: issue.project_slug, name: issue.project_name },
    group: {
      id: String(issue.id),
      shortId,
      title: issue.title,
      culprit: issue.culprit,
      level: issue.level,
      status: issue.status,
      substatus: issue.substatus,
      platform: issue.platform,
      firstSeen: iso(issue.first_seen),
      lastSeen: iso(issue.last_seen),
      count: String(issue.times_seen),
      userCount: issue.user_count,
      assignedTo: issue.assignee_user_id ? { type: 'user', id: String(issue.assignee_user_id) } : issue.assignee_team_id ? { type: 'team', id: String(issue.assignee_team_id) } : null,
      url: issueUrl,
      permalink: issueUrl,
    },
  };
  if (subject.eventRowId) {
    const [row] = (await db.query(
      `SELECT id, event_id, timestamp, environment, release, payload FROM event WHERE id = $1 AND issue_id = $2`,
      [subject.eventRowId, subject.issueId],
    )) as { id: string; event_id: string; timestamp: Date; environment: string; release: string | null; payload: Buffer }[];
    if (row) {
      const { title, level, platform } = eventPayload(row);
      payload.event = {
        event_id: row.event_id,
        id: row.event_id,
        groupID: String(issue.id),
        issue_id: String(issue.id),
        title,
        level,
        platform,
        environment: row.environment,
        release: row.release,
        datetime: iso(row.timestamp),
        url: `${issueUrl}events/${row.event_id}/`,
        web_url: `${issueUrl}events/${row.event_id}/`,
      };
    }
  }
  if (subject.activityId) {
    const [activity] = (await db.query(
      `SELECT a.id, a.type, a.data, a.date_created, u.id AS user_id, u.name AS user_name
         FROM activity a LEFT JOIN users u ON u.id = a.user_id WHERE a.id = $1 AND a.issue_id = $2`,
      [subject.activityId, subject.issueId],
    )) as { id: number; type: string; data: Record<string, unknown>; date_created: Date; user_id: number | null; user_name: string | null }[];
    if (activity) {
      payload.activity = { id: String(activity.id), type: activity.type, data: activity.data, dateCreated: iso(activity.date_created) };
      payload.actor = activity.user_id ? { type: 'user', id: String(activity.user_id), name: activity.user_name } : { type: 'application', name: 'Vigil' };
    }
  }
  if (subject.fireId) {
    const [fire] = (await db.query(
      `SELECT f.id, f.fired_at, r.id AS rule_id, r.name AS rule_name FROM alert_fire f JOIN alert_rule r ON r.id = f.rule_id WHERE f.id = $1`,
      [subject.fireId],
    )) as { id: number; fired_at: Date; rule_id: number; rule_name: string }[];
    if (fire) payload.alert = { id: String(fire.id), firedAt: iso(fire.fired_at), rule: { id: String(fire.rule_id), name: fire.rule_name } };
  }
  return payload;
}
