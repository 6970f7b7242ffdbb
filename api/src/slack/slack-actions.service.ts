/**
 * A click on an issue message's controls (Resolve…, Ignore, Assign…), as the linked member. The
 * issue id comes from the block; whether the clicker may change it is decided by their access.
 */
import type { SlackApi } from '../../../integrations/src/slack/web-api.js';
import { IssueStatusChange } from '../issues/issue-triage.types.js';
import type { IssueUpdateInput } from '../issues/issue-triage.service.js';
import { ACTION, ISSUE_BLOCK_PREFIX, issueMessage, UNASSIGNED } from './issue-blocks.js';
import { isStoredIssueMessage, updateIssueMessages } from './issue-alerts.service.js';
import { loadIssueSnapshot } from './issue-snapshot.js';
import { findSlackMember, type SlackCaller } from './slack-member.service.js';
import { notMemberReply, reply, type SlackReply } from './slack-replies.js';
import { explainError, triageAsMember } from './slack-triage.service.js';
import type { SlackDeps } from './slash-command.service.js';

export interface IssueActionClick extends SlackCaller {
  blockId: string;
  actionId: string;
  /** A button's value or the selected option's value. */
  value: string;
  /** Where the clicked message is; absent for ephemeral messages, which only their response_url can replace. */
  message: { channel: string; ts: string } | null;
}

export type ClickOutcome =
  /** Every stored message of the issue was updated with chat.update. */
  | { kind: 'updated' }
  /** The clicked message is not a stored one (an ephemeral `/vigil issue` answer): replace it with this. */
  | { kind: 'replace'; message: SlackReply }
  | { kind: 'error'; message: SlackReply };

function inputOf(actionId: string, value: string): IssueUpdateInput | null {
  switch (actionId) {
    case ACTION.resolve:
      return value === 'resolved_in_next_release' ? { status: IssueStatusChange.RESOLVED_IN_NEXT_RELEASE } : { status: IssueStatusChange.RESOLVED };
    case ACTION.unresolve:
      return { status: IssueStatusChange.UNRESOLVED };
    case ACTION.ignore:
      return { status: IssueStatusChange.IGNORED };
    case ACTION.assign:
      if (value === UNASSIGNED) return { assignee: null };
      return /^user:\d+$/.test(value) ? { assignee: { userId: value.slice('user:'.length) } } : null;
    default:
      return null;
  }
}

export async function handleIssueClick(deps: SlackDeps, slack: SlackApi, click: IssueActionClick): Promise<ClickOutcome> {
  const issueId = click.blockId.startsWith(ISSUE_BLOCK_PREFIX) ? Number(click.blockId.slice(ISSUE_BLOCK_PREFIX.length)) : NaN;
  const input = inputOf(click.actionId, click.value);
  if (!Number.isSafeInteger(issueId) || !input) return { kind: 'error', message: reply('This control is not one Vigil knows.') };
  const member = await findSlackMember(deps.db, slack, click);
  if (member.kind !== 'member') return { kind: 'error', message: notMemberReply(member, click.teamId) };
  try {
    await triageAsMember(deps, member, issueId, input);
  } catch (error) {
    const sentence = explainError(error, member.organization.slug);
    if (sentence === null) throw error;
    return { kind: 'error', message: reply(sentence) };
  }
  if (click.message && (await isStoredIssueMessage(deps, issueId, click.message.channel, click.message.ts))) {
    await updateIssueMessages(deps, issueId);
    return { kind: 'updated' };
  }
  const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, issueId);
  return snapshot ? { kind: 'replace', message: issueMessage(snapshot) } : { kind: 'error', message: reply('The issue is gone.') };
}
