import type { Deps } from '../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../api/src/jobs/job-queue.js';
import type { JobName, JobPayloads } from '../../schema/src/jobs.js';
import { deleteOrganizationJob } from './jobs/delete-organization.job.js';
import { deleteProjectJob } from './jobs/delete-project.job.js';
import { maintainEventPartitionsJob } from './jobs/maintain-event-partitions.job.js';
import { fetchReleaseCommitsJob } from './jobs/fetch-release-commits.job.js';
import { notifyDeployJob } from './jobs/notify-deploy.job.js';
import { processCommitsJob } from './jobs/process-commits.job.js';
import { sendInviteJob } from './jobs/send-invite.job.js';

type Handler<N extends JobName> = (app: Deps, payload: JobPayloads[N], context: JobHandlerContext) => Promise<void>;

/** Every job name and the function that runs it. A missing entry is a type error. */
export const JOB_HANDLERS: { [N in JobName]: Handler<N> } = {
  'project.delete': deleteProjectJob,
  'organization.delete': deleteOrganizationJob,
  'release.fetch-commits': fetchReleaseCommitsJob,
  'commits.process': processCommitsJob,
  'deploy.notify': notifyDeployJob,
  'invite.send': sendInviteJob,
  'events.maintain-partitions': maintainEventPartitionsJob,
};
