/**
 * The Bolt app: listeners stay thin (read the payload, call a service, answer). Answers go to
 * `respond` (the request's response_url) after `ack()`, so Slack hears back within its 3 seconds
 * however long the work takes.
 */
import { App, LogLevel, type BlockAction, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { SlackApi } from '../../../integrations/src/slack/web-api.js';
import type { Logger } from '../logger.js';
import { handleIssueClick } from './slack-actions.service.js';
import { unfurlIssueLinks } from './slack-unfurl.service.js';
import { runSlashCommand, type SlackDeps } from './slash-command.service.js';


/** Bolt's logger interface over ours; Bolt's debug lines (whole request bodies) are left out. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => log.info({ source: 'bolt' }, msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => log.warn({ source: 'bolt' }, msg.map(String).join(' ')),
    error: (...msg: unknown[]) => log.error({ source: 'bolt' }, msg.map(String).join(' ')),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function createSlackBolt(deps: SlackDeps, slack: SlackApi, receiver: Receiver, botToken: string): App {
  const app = new App({
    token: botToken,
    receiver,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: deps.config.slack.apiUrl },
    logger: boltLogger(deps.log),
  });

  app.command('/vigil', async ({ command, ack, respond }) => {
    await ack();
    const answer = await runSlashCommand(deps, slack, {
      teamId: command.team_id,
      slackUserId: command.user_id,
      userName: command.user_name,
      text: command.text,
    });
    await respond({ response_type: 'ephemeral', ...answer });
  });

  app.action<BlockAction>(/^vigil_/, async ({ ack, body, action, respond }) => {
    await ack();
    const value = action.type === 'static_select' ? action.selected_option.value : action.type === 'button' ? (action.value ?? '') : '';
    const outcome = await handleIssueClick(deps, slack, {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      slackUserId: body.user.id,
      blockId: action.block_id,
      actionId: action.action_id,
      value,
      message: body.container.type === 'message' && !body.container.is_ephemeral && body.channel && body.message ? { channel: body.channel.id, ts: body.message.ts } : null,
    });
    if (outcome.kind === 'replace') await respond({ replace_original: true, ...outcome.message });
    if (outcome.kind === 'error') await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.message });
  });

  app.event('link_shared', async ({ event, body }) => {
    await unfurlIssueLinks(deps, slack, {
      teamId: body.team_id,
      slackUserId: event.user,
      channel: event.channel,
      messageTs: event.message_ts,
      urls: event.links.map((link) => link.url),
    });
  });

  app.error(async (error) => {
    deps.log.error({ error: error.message, code: error.code }, 'slack.listener-failed');
  });
  return app;
}
