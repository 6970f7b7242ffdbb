import type { SlackBlocks } from '../../../integrations/src/slack/web-api.js';
import type { SlackMember } from './slack-member.service.js';

/** A message shown only to the person who asked (ephemeral), unless it replaces a message. */
export interface SlackReply {
  text: string;
  blocks?: SlackBlocks;
}

export const reply = (text: string, blocks?: SlackBlocks): SlackReply => (blocks ? { text, blocks } : { text });

/** What to tell a Slack user who is not (yet) a Vigil member here. */
export function notMemberReply(member: Exclude<SlackMember, { kind: 'member' }>, teamId: string): SlackReply {
  if (member.kind === 'no-workspace') {
    return reply(
      `This Slack workspace (${teamId}) is not connected to a Vigil organization yet. An owner or admin connects it in Vigil under Settings → Slack.`,
    );
  }
  return reply(
    `Your Slack account is not linked to a member of ${member.organization.slug} in Vigil. Type \`/vigil link\` to link it, or use the same verified email address in Slack and in Vigil.`,
  );
}

export const HELP = [
  '*Vigil commands*',
  '`/vigil issue WEB-12`: show an issue with its actions',
  '`/vigil resolve WEB-12`: resolve it',
  '`/vigil ignore WEB-12`: ignore it',
  '`/vigil assign WEB-12 @someone` (or `me`): assign it',
  '`/vigil search <query>`: the 5 most recently seen matches, in the dashboard\'s search language (e.g. `is:unresolved level:error`)',
  '`/vigil link` / `/vigil unlink`: link your Slack account to your Vigil user, or remove that link',
].join('\n');
