/**
 * Live-update topics and their payloads, published through PostgreSQL NOTIFY so that any Vigil
 * process (web or worker) reaches subscribers connected to any other. Payloads carry IDs; the
 * subscription resolver re-loads what the subscriber may see.
 */
export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface Topics {
  projectChanged: { organizationId: number; projectId: number; kind: ChangeKind };
  /** A new issue (its first event was stored). */
  issueCreated: { organizationId: number; projectId: number; issueId: number };
  /** Counts, status, assignee or other fields of an issue changed. */
  issueUpdated: { organizationId: number; projectId: number; issueId: number };
  /** An event was stored on an issue. */
  eventReceived: { organizationId: number; projectId: number; issueId: number; eventId: string };
  /** A release was created, changed (fields, projects, commits) or deleted. */
  releaseChanged: { organizationId: number; releaseId: number; version: string; kind: ChangeKind };
  /** A deploy of a release was recorded. */
  deployCreated: { organizationId: number; releaseId: number; deployId: number };
  /** A row was added to an issue's activity (a comment, a status change, an assignment, a regression, …). */
  activityAdded: { organizationId: number; projectId: number; issueId: number; activityId: number };
  /** A comment mentioned a member (directly or through a team). */
  mentionReceived: { organizationId: number; userId: number; mentionId: number };
  /** Internal: release files or artifact bundles of the organization were added or removed (processors forget their lookups). */
  artifactsChanged: { organizationId: number };
  /** Internal: an envelope was queued for processing (wakes idle ingest consumers). */
  ingestQueued: Record<string, never>;
}

export type Topic = keyof Topics;
