import type { Deps } from '../runtime/deps.js';
import { postIssueAlert } from '../slack/issue-alerts.service.js';
import type { ActionExecutor } from './alert-firing.js';

/** SLACK: the issue's Block Kit message (with Resolve, Ignore, Assign) in the action's channel. */
export function slackAction(deps: Pick<Deps, 'db' | 'config'>): ActionExecutor {
  return async ({ rule, issue, project }, action) => {
    if (!deps.config.slack.botToken) return { status: 'skipped', detail: 'Slack is not configured (SLACK_BOT_TOKEN is unset)' };
    const posted = await postIssueAlert(deps, { organizationId: project.organizationId, issueId: issue.id, channel: action.channel!, ruleName: rule.name });
    return { status: 'sent', detail: `Posted to ${posted.channel}` };
  };
}
