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
  /** Create the coming weeks' event partitions and drop those past retention (no IDs: it acts on the table). */
  'events.maintain-partitions': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES = [
  'project.delete',
  'organization.delete',
  'commits.process',
  'release.fetch-commits',
  'deploy.notify',
  'invite.send',
  'events.maintain-partitions',
] as const satisfies readonly JobName[];
