/**
 * Every background job and its payload. Payloads carry IDs only: a job loads current rows itself,
 * so a retried or duplicated job sees the truth, not a stale copy.
 */
export interface JobPayloads {
  /** Remove a project marked for deletion, with everything that belongs to it. */
  'project.delete': { projectId: number };
  /** Remove an organization marked for deletion, with everything that belongs to it. */
  'organization.delete': { organizationId: number };
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES = ['project.delete', 'organization.delete'] as const satisfies readonly JobName[];
