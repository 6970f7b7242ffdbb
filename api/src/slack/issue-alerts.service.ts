/**
 * Issue messages in Slack channels: alert rules post them (`postIssueAlert`), and each change
 * made in Vigil re-renders every message posted for the issue (`updateIssueMessages`, run by the
 * `slack.update-issue-messages` job that triage enqueues).
 */
import type { Deps } from '../runtime/deps.js';
import { AppError, notFound } from '../errors.js';
import { issueMessage } from './issue-blocks.js';
import { loadIssueSnapshot } from './issue-snapshot.js';
import { slackApiFor } from './slack-api.js';
import { SlackIssueMessage } from './slack-issue-message.entity.js';

export interface IssueAlert {
  organizationId: number;
  issueId: number;
  /** A channel id (`C0123`) or name the bot was invited to. */
  channel: string;
  ruleName?: string | null;
}

/** Posts the issue's Block Kit message to the channel and remembers it so later changes update it. */
export async function postIssueAlert(deps: Pick<Deps, 'db' | 'config'>, alert: IssueAlert): Promise<{ channel: string; ts: string }> {
  const slack = slackApiFor(deps.config);
  if (!slack) throw new AppError('BAD_USER_INPUT', 'Slack is not configured: set SLACK_BOT_TOKEN');
  const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, alert.issueId);
  if (!snapshot || snapshot.organization.id !== alert.organizationId) throw notFound('Issue');
  const posted = await slack.postMessage(alert.channel, issueMessage(snapshot, { ruleName: alert.ruleName ?? null }));
  await deps.db
    .getRepository(SlackIssueMessage)
    .createQueryBuilder()
    .insert()
    .values({ issueId: snapshot.issue.id, channel: posted.channel, ts: posted.ts, ruleName: alert.ruleName ?? null })
    .orIgnore()
    .execute();
  return posted;
}

/** Re-renders every stored message of the issue from its current state; running it twice changes nothing more. */
export async function updateIssueMessages(deps: Pick<Deps, 'db' | 'config' | 'log'>, issueId: number): Promise<number> {
  const messages = await deps.db.getRepository(SlackIssueMessage).find({ where: { issueId }, order: { id: 'ASC' } });
  const slack = slackApiFor(deps.config);
  if (messages.length === 0 || !slack) return 0;
  const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, issueId);
  if (!snapshot) return 0;
  for (const message of messages) {
    await slack.updateMessage(message.channel, message.ts, issueMessage(snapshot, { ruleName: message.ruleName }));
  }
  deps.log.info({ issueId, messages: messages.length }, 'slack.messages-updated');
  return messages.length;
}

export async function isStoredIssueMessage(deps: Pick<Deps, 'db'>, issueId: number, channel: string, ts: string): Promise<boolean> {
  return deps.db.getRepository(SlackIssueMessage).existsBy({ issueId, channel, ts });
}
