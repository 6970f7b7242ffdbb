import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { updateIssueMessages } from '../../../api/src/slack/issue-alerts.service.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Re-renders the issue's Slack messages from its current state (idempotent: the same state renders the same). */
export async function updateSlackMessagesJob(app: Deps, payload: JobPayloads['slack.update-issue-messages'], { log }: JobHandlerContext): Promise<void> {
  await updateIssueMessages({ ...app, log }, payload.issueId);
}
