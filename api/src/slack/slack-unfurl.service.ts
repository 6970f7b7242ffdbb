/**
 * Unfurls: a Vigil issue URL posted in Slack gets the issue's summary, for a linked member of the
 * workspace's organization who may read that issue. Other links (and other people) get nothing.
 */
import type { SlackApi, SlackBlocks } from '../../../integrations/src/slack/web-api.js';
import { issueMessage } from './issue-blocks.js';
import { loadIssueSnapshot } from './issue-snapshot.js';
import { findSlackMember, type SlackCaller } from './slack-member.service.js';
import { findMemberIssue } from './slack-triage.service.js';
import type { SlackDeps } from './slash-command.service.js';
import { AppError } from '../errors.js';

export interface SharedLinks extends SlackCaller {
  channel: string;
  messageTs: string;
  urls: string[];
}

/** `{VIGIL_URL}/organizations/{org}/issues/{shortId}/…` → the org slug and short id. */
export function parseIssueUrl(publicUrl: string, url: string): { organizationSlug: string; shortId: string } | null {
  if (!url.startsWith(`${publicUrl}/`)) return null;
  const match = /^\/organizations\/([^/]+)\/issues\/([^/?#]+)/.exec(url.slice(publicUrl.length));
  if (!match) return null;
  try {
    return { organizationSlug: decodeURIComponent(match[1]!), shortId: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/** Returns how many links were unfurled. */
export async function unfurlIssueLinks(deps: SlackDeps, slack: SlackApi, shared: SharedLinks): Promise<number> {
  const links = shared.urls.map((url) => ({ url, issue: parseIssueUrl(deps.config.publicUrl, url) })).filter((l) => l.issue);
  if (links.length === 0) return 0;
  const member = await findSlackMember(deps.db, slack, shared);
  if (member.kind !== 'member') return 0;
  const unfurls: Record<string, { blocks: SlackBlocks }> = {};
  for (const { url, issue } of links) {
    if (issue!.organizationSlug !== member.organization.slug) continue;
    try {
      const found = await findMemberIssue(deps, member, issue!.shortId);
      const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, found.id);
      if (snapshot) unfurls[url] = { blocks: issueMessage(snapshot, { actions: false }).blocks };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  const count = Object.keys(unfurls).length;
  if (count > 0) await slack.unfurl({ channel: shared.channel, ts: shared.messageTs }, unfurls);
  return count;
}
