/**
 * Every background job and its payload. Payloads carry IDs only: a job loads current rows itself,
 * so a retried or duplicated job sees the truth, not a stale copy.
 */
export interface JobPayloads {
  /** Remove a project marked for deletion, with everything that belongs to it. */
  'project.delete': { projectId: number };
  /** Remove an organization marked for deletion, with everything that belongs to it. */
  'organization.delete': { organizationId: number };
  /**
   * Newly recorded commits: link the issues their messages fix ("Fixes WEB-12"), and resolve those
   * issues in every release that contains the commit.
   */
  'commits.process': { commitIds: number[] };
  /** Turn a release's stored `refs` into its commits (known commit graph, else the GitHub API). */
  'release.fetch-commits': { releaseId: number };
  /** Email the people whose commits a deploy shipped (once per deploy). */
  'deploy.notify': { deployId: number };
  /** Email an invitation's current link; `nonce` names the link, so a renewed invite's old job sends nothing. */
  'invite.send': { inviteId: number; nonce: string };
  /** Email an issue's subscribers (and the people a comment mentions) about one activity row, once each. */
  'activity.notify': { activityId: number };
  /** Re-render the Slack messages posted for an issue after its status or assignee changed. */
  'slack.update-issue-messages': { issueId: number };
  /**
   * A stored ingest batch: evaluate alert rules and emit `event.created`/`issue.created`/
   * `issue.regressed` service hooks. Events by project and event id (the row's natural key).
   */
  'events.processed': { events: { projectId: number; eventId: string }[]; createdIssueIds: number[] };
  /** Issue activity was written (triage): emit the matching service hook events. */
  'issue.activity': { activityIds: number[] };
  /** Run the actions of one fired alert (a row of alert_fire); actions already done are skipped. */
  'alert.fire': { fireId: number };
  /** Send (or retry) one service hook delivery. */
  'service-hook.deliver': { deliveryId: number };
  /** Assemble an uploaded artifact bundle from its chunks and index its files (state `created` → `ok` | `error`). */
  'artifact-bundle.assemble': { bundleId: number };
  /** Remove the organization's release files whose release was deleted, and blobs nothing uses any more. */
  'artifacts.cleanup': { organizationId: number };
  /** Send the project's held events whose debug files are all present back through the pipeline (in batches). */
  'reprocessing.run': { projectId: number };
  /** Reprocessing was turned off: every held event of the project goes back through the pipeline. */
  'reprocessing.release': { projectId: number };
  /** Re-symbolicate an issue's stored events in place and regroup them (Sentry's reprocessing v2). */
  'issue.reprocess': { issueId: number };
  /** Delete the events, then the rows, of issues marked pending_deletion (large deletions). */
  'issues.delete': { issueIds: number[] };
  /** Create the coming weeks' event partitions and drop those past retention (no IDs: it acts on the table). */
  'events.maintain-partitions': Record<string, never>;
  /** Assemble a debug file uploaded in chunks (`difs/assemble/`), convert and store it (state `created` → `ok` | `error`). */
  'debug-file.assemble': { assemblyId: number };
  /** Drop held native events older than `VIGIL_HELD_EVENT_MAX_AGE_DAYS`, in every project (no IDs: it acts on the table). */
  'native.expire-held-events': Record<string, never>;
  /** Remove uploaded chunks older than a day that no artifact bundle or debug file refers to (no IDs: it acts on the table). */
  'chunks.cleanup': Record<string, never>;
  /** Fill `event.tags` and `event.message` of events stored before those columns existed (no IDs: it acts on the table). */
  'events.backfill-search-fields': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES = [
  'project.delete',
  'organization.delete',
  'commits.process',
  'release.fetch-commits',
  'deploy.notify',
  'invite.send',
  'activity.notify',
  'slack.update-issue-messages',
  'events.processed',
  'issue.activity',
  'alert.fire',
  'service-hook.deliver',
  'artifact-bundle.assemble',
  'artifacts.cleanup',
  'reprocessing.run',
  'reprocessing.release',
  'issue.reprocess',
  'issues.delete',
  'events.maintain-partitions',
  'debug-file.assemble',
  'native.expire-held-events',
  'chunks.cleanup',
  'events.backfill-search-fields',
] as const satisfies readonly JobName[];
