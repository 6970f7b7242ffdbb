import type { App } from '../../api/src/app.js';
import type { JobHandlerContext } from '../../api/src/jobs/job-queue.js';
import type { JobName, JobPayloads } from '../../schema/src/jobs.js';
import { deleteOrganization } from './jobs/delete-organization.job.js';
import { deleteProject } from './jobs/delete-project.job.js';
import { fetchReleaseCommits } from './jobs/fetch-release-commits.job.js';
import { notifyDeploy } from './jobs/notify-deploy.job.js';
import { processCommits } from './jobs/process-commits.job.js';

type Handler<N extends JobName> = (app: App, payload: JobPayloads[N], context: JobHandlerContext) => Promise<void>;

/** Every job name and the function that runs it. A missing entry is a type error. */
export const JOB_HANDLERS: { [N in JobName]: Handler<N> } = {
  'project.delete': deleteProject,
  'organization.delete': deleteOrganization,
  'release.fetch-commits': fetchReleaseCommits,
  'commits.process': processCommits,
  'deploy.notify': notifyDeploy,
};
