/**
 * The Block Kit message of an issue: what it is, how often and whom it hits, and the triage
 * controls. The action ids are what slack-actions.ts answers; every control's block carries the
 * issue id, and the click is checked against the clicker's own access.
 */
import type { SlackBlocks } from '../../../integrations/src/slack/web-api.js';
import type { IssueSnapshot } from './issue-snapshot.js';

export const ACTION = {
  resolve: 'vigil_resolve',
  unresolve: 'vigil_unresolve',
  ignore: 'vigil_ignore',
  assign: 'vigil_assign',
} as const;

export const ISSUE_BLOCK_PREFIX = 'vigil_issue:';
export const UNASSIGNED = 'none';

/** Slack mrkdwn: only these three need escaping. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75), emoji: false });
const option = (text: string, value: string) => ({ text: plain(text), value });

/** A date Slack shows in the reader's time zone, with a UTC fallback. */
function slackDate(date: Date): string {
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

function statusText({ issue }: IssueSnapshot): string {
  if (issue.status === 'resolved') return issue.resolution === 'in_next_release' ? 'Resolved in the next release' : 'Resolved';
  if (issue.status === 'ignored') return 'Ignored';
  return issue.substatus === 'regressed' ? 'Unresolved (regressed)' : 'Unresolved';
}

function assigneeText({ assignee }: IssueSnapshot): string {
  if (!assignee) return 'Unassigned';
  return assignee.kind === 'user' ? assignee.name : `#${assignee.slug}`;
}

/** The one-line summary used as the notification text and in search results. */
export function issueLine(snapshot: IssueSnapshot): string {
  return `<${snapshot.url}|${snapshot.shortId}> ${escapeMrkdwn(truncate(snapshot.issue.title, 150))}`;
}

function summaryBlocks(snapshot: IssueSnapshot): SlackBlocks {
  const { issue, project } = snapshot;
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*<${snapshot.url}|${snapshot.shortId}: ${escapeMrkdwn(truncate(issue.title, 200))}>*${issue.culprit ? `\n\`${escapeMrkdwn(truncate(issue.culprit, 200))}\`` : ''}`,
      },
    },
    {
      type: 'section',
      fields: [
        field('Project', escapeMrkdwn(project.name || project.slug)),
        field('Environment', escapeMrkdwn(snapshot.environments.join(', ') || '—')),
        field('Events', String(issue.timesSeen)),
        field('Users', String(issue.userCount)),
        field('First seen', slackDate(issue.firstSeen)),
        field('Release', escapeMrkdwn(snapshot.release ?? '—')),
        field('Status', statusText(snapshot)),
        field('Assignee', escapeMrkdwn(assigneeText(snapshot))),
      ],
    },
  ];
}

function actionBlock(snapshot: IssueSnapshot): SlackBlocks[number] {
  const { issue } = snapshot;
  const value = String(issue.id);
  const memberOptions = snapshot.members.map((m) => option(m.name, `user:${m.id}`));
  const current = snapshot.assignee?.kind === 'user' ? memberOptions.find((o) => o.value === `user:${(snapshot.assignee as { id: number }).id}`) : undefined;
  const elements: Record<string, unknown>[] = [];
  if (issue.status === 'resolved') {
    elements.push({ type: 'button', action_id: ACTION.unresolve, text: plain('Unresolve'), value });
  } else {
    elements.push({
      type: 'static_select',
      action_id: ACTION.resolve,
      placeholder: plain('Resolve…'),
      options: [option('Resolve now', 'resolved'), option('Resolve in the next release', 'resolved_in_next_release')],
    });
  }
  elements.push(
    issue.status === 'ignored'
      ? { type: 'button', action_id: ACTION.unresolve, text: plain('Stop ignoring'), value }
      : { type: 'button', action_id: ACTION.ignore, text: plain('Ignore'), value },
  );
  elements.push({
    type: 'static_select',
    action_id: ACTION.assign,
    placeholder: plain('Assign…'),
    options: [option('Unassigned', UNASSIGNED), ...memberOptions],
    ...(current ? { initial_option: current } : {}),
  });
  return { type: 'actions', block_id: `${ISSUE_BLOCK_PREFIX}${issue.id}`, elements } as SlackBlocks[number];
}

/** The alert message: summary, controls and (for alerts) the rule that sent it. */
export function issueMessage(snapshot: IssueSnapshot, options: { ruleName?: string | null; actions?: boolean } = {}): { text: string; blocks: SlackBlocks } {
  const blocks = summaryBlocks(snapshot);
  if (options.actions !== false) blocks.push(actionBlock(snapshot));
  const footer = [options.ruleName ? `Alert rule: ${escapeMrkdwn(options.ruleName)}` : null, `<${snapshot.url}|Open in Vigil>`].filter(Boolean).join(' · ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  return { text: `${snapshot.shortId}: ${truncate(snapshot.issue.title, 200)} (${statusText(snapshot)})`, blocks };
}
