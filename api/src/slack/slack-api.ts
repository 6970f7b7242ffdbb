import { SlackApi } from '../../../integrations/src/slack/web-api.js';
import type { Config } from '../config.js';

let cached: { key: string; api: SlackApi } | undefined;

/** The Web API client of this process's settings; null when no bot token is set. */
export function slackApiFor(config: Pick<Config, 'slack'>): SlackApi | null {
  const { botToken, apiUrl } = config.slack;
  if (!botToken) return null;
  const key = `${apiUrl}\n${botToken}`;
  if (cached?.key !== key) cached = { key, api: new SlackApi({ botToken, apiUrl }) };
  return cached.api;
}
