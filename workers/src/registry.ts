import type { Deps } from '../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../api/src/jobs/job-queue.js';
import type { JobName, JobPayloads } from '../../schema/src/jobs.js';
import { deleteOrganizationJob } from './jobs/delete-organization.job.js';
import { deleteProjectJob } from './jobs/delete-project.job.js';
import { maintainEventPartitionsJob } from './jobs/maintain-event-partitions.job.js';
import { fetchReleaseCommitsJob } from './jobs/fetch-release-commits.job.js';
import { notifyActivityJob } from './jobs/notify-activity.job.js';
import { notifyDeployJob } from './jobs/notify-deploy.job.js';
import { processCommitsJob } from './jobs/process-commits.job.js';
import { sendInviteJob } from './jobs/send-invite.job.js';
import { updateSlackMessagesJob } from './jobs/update-slack-messages.job.js';
import { eventsProcessedJob } from './jobs/events-processed.job.js';
import { issueActivityJob } from './jobs/issue-activity.job.js';
import { fireAlertJob } from './jobs/fire-alert.job.js';
import { deliverServiceHookJob } from './jobs/deliver-service-hook.job.js';
import { assembleArtifactBundleJob } from './jobs/assemble-artifact-bundle.job.js';
import { cleanupArtifactsJob } from './jobs/cleanup-artifacts.job.js';
import { cleanupChunksJob } from './jobs/cleanup-chunks.job.js';
import { releaseHeldEventsJob, reprocessHeldEventsJob } from './jobs/reprocess-held-events.job.js';
import { reprocessIssueJob } from './jobs/reprocess-issue.job.js';
import { deleteIssuesJob } from './jobs/delete-issues.job.js';
import { assembleDebugFileJob } from './jobs/assemble-debug-file.job.js';
import { backfillSearchFieldsJob } from './jobs/backfill-search-fields.job.js';
import { expireHeldEventsJob } from './jobs/expire-held-events.job.js';

type Handler<N extends JobName> = (app: Deps, payload: JobPayloads[N], context: JobHandlerContext) => Promise<void>;

/** Every job name and the function that runs it. A missing entry is a type error. */
export const JOB_HANDLERS: { [N in JobName]: Handler<N> } = {
  'project.delete': deleteProjectJob,
  'organization.delete': deleteOrganizationJob,
  'release.fetch-commits': fetchReleaseCommitsJob,
  'commits.process': processCommitsJob,
  'deploy.notify': notifyDeployJob,
  'invite.send': sendInviteJob,
  'activity.notify': notifyActivityJob,
  'slack.update-issue-messages': updateSlackMessagesJob,
  'events.processed': eventsProcessedJob,
  'issue.activity': issueActivityJob,
  'alert.fire': fireAlertJob,
  'service-hook.deliver': deliverServiceHookJob,
  'artifact-bundle.assemble': assembleArtifactBundleJob,
  'artifacts.cleanup': cleanupArtifactsJob,
  'reprocessing.run': reprocessHeldEventsJob,
  'reprocessing.release': releaseHeldEventsJob,
  'issue.reprocess': reprocessIssueJob,
  'issues.delete': deleteIssuesJob,
  'events.maintain-partitions': maintainEventPartitionsJob,
  'debug-file.assemble': assembleDebugFileJob,
  'native.expire-held-events': expireHeldEventsJob,
  'chunks.cleanup': cleanupChunksJob,
  'events.backfill-search-fields': backfillSearchFieldsJob,
};
