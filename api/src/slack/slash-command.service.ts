/**
 * `/vigil …`: each subcommand acts as the linked member and answers in a sentence meant only for
 * the caller. Errors the caller can fix (unknown issue, no permission, a bad query) say so.
 */
import type { SlackApi } from '../../../integrations/src/slack/web-api.js';
import type { Deps } from '../runtime/deps.js';
import { IssueStatusChange } from '../issues/issue-triage.types.js';
import { IssueSort } from '../issues/issue.types.js';
import { listIssues } from '../issues/issue.service.js';
import { Membership } from '../organizations/membership.entity.js';
import { User } from '../users/user.entity.js';
import { issueLine, issueMessage } from './issue-blocks.js';
import { loadIssueSnapshot } from './issue-snapshot.js';
import { createLinkToken, linkUrl, unlinkSlackUser } from './slack-link.service.js';
import { findSlackMember, linkedUserOf, type SlackCaller } from './slack-member.service.js';
import { HELP, notMemberReply, reply, type SlackReply } from './slack-replies.js';
import { explainError, findMemberIssue, triageAsMember, type Member } from './slack-triage.service.js';

export type SlackDeps = Pick<Deps, 'db' | 'config' | 'pubsub' | 'queue' | 'log'>;

export interface SlashCommand extends SlackCaller {
  userName: string;
  text: string;
}

const SEARCH_RESULTS = 5;

/** `@someone` as Slack escapes it (`<@U123|name>`), `me`, or a Vigil member's email or name. */
async function assigneeOf(deps: SlackDeps, slack: SlackApi, member: Member, caller: SlackCaller, who: string): Promise<User | string> {
  if (who === 'me') return member.user;
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(who);
  if (mention) {
    const user = await linkedUserOf(deps.db, slack, { teamId: caller.teamId, slackUserId: mention[1]! });
    return user ?? `<@${mention[1]}> has no linked Vigil account in ${member.organization.slug}; they can type \`/vigil link\`.`;
  }
  const handle = who.replace(/^@/, '').toLowerCase();
  const members = await deps.db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.user_id')
    .where('m.organization_id = :organizationId', { organizationId: member.organization.id })
    .andWhere("(lower(u.email) = :handle OR lower(u.name) = :handle OR split_part(lower(u.email), '@', 1) = :handle)", { handle })
    .getMany();
  if (members.length === 1) return members[0]!.user!;
  return members.length === 0 ? `No member of ${member.organization.slug} is called ${who}.` : `${who} names several members of ${member.organization.slug}; use their email address.`;
}

async function searchIssues(deps: SlackDeps, member: Member, query: string): Promise<SlackReply> {
  const page = await listIssues(
    deps.db,
    { organizationId: member.organization.id, projectIds: null, viewerId: member.user.id },
    { query, sort: IssueSort.LAST_SEEN },
    { first: SEARCH_RESULTS },
  );
  const lines: string[] = [];
  for (const edge of page.edges) {
    const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, edge.node.id);
    if (snapshot) lines.push(`• ${issueLine(snapshot)} (${snapshot.issue.timesSeen} events, ${snapshot.issue.userCount} users)`);
  }
  if (lines.length === 0) return reply(`No issues in ${member.organization.slug} match \`${query}\`.`);
  return reply(`Top ${lines.length} issues matching \`${query}\`:\n${lines.join('\n')}`);
}

async function showIssue(deps: SlackDeps, member: Member, idOrShortId: string): Promise<SlackReply> {
  const issue = await findMemberIssue(deps, member, idOrShortId);
  const snapshot = await loadIssueSnapshot(deps.db, deps.config.publicUrl, issue.id);
  if (!snapshot) return reply(`Issue ${idOrShortId} not found in ${member.organization.slug}.`);
  return issueMessage(snapshot);
}

async function memberCommand(deps: SlackDeps, slack: SlackApi, member: Member, command: SlashCommand, verb: string, args: string[]): Promise<SlackReply> {
  const [target, ...rest] = args;
  const needsIssue = ['issue', 'resolve', 'ignore', 'assign'].includes(verb);
  if (needsIssue && !target) return reply(`Which issue? For example \`/vigil ${verb} WEB-12${verb === 'assign' ? ' me' : ''}\`.`);
  switch (verb) {
    case 'issue':
      return showIssue(deps, member, target!);
    case 'resolve':
    case 'ignore': {
      const issue = await findMemberIssue(deps, member, target!);
      const status = verb === 'resolve' ? IssueStatusChange.RESOLVED : IssueStatusChange.IGNORED;
      await triageAsMember(deps, member, issue.id, { status });
      return reply(`${target!.toUpperCase()} is now ${verb === 'resolve' ? 'resolved' : 'ignored'}.`);
    }
    case 'assign': {
      if (rest.length !== 1) return reply('Whom to? For example `/vigil assign WEB-12 @someone` or `/vigil assign WEB-12 me`.');
      const issue = await findMemberIssue(deps, member, target!);
      const assignee = await assigneeOf(deps, slack, member, command, rest[0]!);
      if (typeof assignee === 'string') return reply(assignee);
      await triageAsMember(deps, member, issue.id, { assignee: { userId: String(assignee.id) } });
      return reply(`${target!.toUpperCase()} is now assigned to ${assignee.id === member.user.id ? 'you' : assignee.name || assignee.email}.`);
    }
    case 'search':
      return args.length === 0 ? reply('Search for what? For example `/vigil search is:unresolved level:error`.') : searchIssues(deps, member, args.join(' '));
    default:
      return reply(`I don't know \`${verb}\`. ${HELP}`);
  }
}

/** Runs one `/vigil` command and returns the answer for the caller. */
export async function runSlashCommand(deps: SlackDeps, slack: SlackApi, command: SlashCommand): Promise<SlackReply> {
  const [verb = 'help', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
  const caller = { teamId: command.teamId, slackUserId: command.slackUserId };
  switch (verb.toLowerCase()) {
    case 'help':
      return reply(HELP);
    case 'link': {
      const token = await createLinkToken(deps.config, { ...caller, slackName: command.userName });
      return reply(
        `<${linkUrl(deps.config.publicUrl, token)}|Link your Slack account to Vigil>: open it while signed in to Vigil (within 15 minutes). Slack actions then act as you.`,
      );
    }
    case 'unlink':
      return reply((await unlinkSlackUser(deps.db, caller)) ? 'Your Slack account is no longer linked to Vigil.' : 'Your Slack account was not linked to Vigil.');
  }
  const member = await findSlackMember(deps.db, slack, caller);
  if (member.kind !== 'member') return notMemberReply(member, command.teamId);
  try {
    return await memberCommand(deps, slack, member, command, verb.toLowerCase(), args);
  } catch (error) {
    const sentence = explainError(error, member.organization.slug, args[0]);
    if (sentence === null) throw error;
    return reply(sentence);
  }
}
