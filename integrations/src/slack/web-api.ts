import type { Block, KnownBlock, WebClient } from '@slack/web-api';

export type SlackBlocks = (Block | KnownBlock)[];

export interface SlackApiSettings {
  botToken: string;
  /** The Web API base, e.g. `https://slack.com/api/` (a fake one in tests). */
  apiUrl: string;
}

export interface SlackUserProfile {
  id: string;
  name: string;
  /** Only an email Slack has confirmed; null otherwise (an unconfirmed one must not link anyone). */
  verifiedEmail: string | null;
}

/**
 * The Slack Web API calls Vigil makes, over the official client (retries on rate limits, form
 * encoding). Knows nothing of Vigil's rows: callers pass what to post.
 */
export class SlackApi {
  private web: Promise<WebClient> | undefined;

  constructor(private readonly settings: SlackApiSettings) {}

  /** The client, its package loaded on the first call (a process that never calls Slack never loads it). */
  private client(): Promise<WebClient> {
    const { botToken, apiUrl } = this.settings;
    this.web ??= import('@slack/web-api').then(({ WebClient }) => new WebClient(botToken, { slackApiUrl: apiUrl, retryConfig: { retries: 2 } }));
    return this.web;
  }

  async postMessage(channel: string, message: { text: string; blocks: SlackBlocks }): Promise<{ channel: string; ts: string }> {
    const result = await (await this.client()).chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    if (!result.ts || !result.channel) throw new Error('chat.postMessage answered without channel and ts');
    return { channel: result.channel, ts: result.ts };
  }

  async updateMessage(channel: string, ts: string, message: { text: string; blocks: SlackBlocks }): Promise<void> {
    await (await this.client()).chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  }

  async unfurl(target: { channel: string; ts: string }, unfurls: Record<string, { blocks: SlackBlocks }>): Promise<void> {
    await (await this.client()).chat.unfurl({ channel: target.channel, ts: target.ts, unfurls });
  }

  async userProfile(userId: string): Promise<SlackUserProfile | null> {
    const result = await (await this.client()).users.info({ user: userId }).catch((error: { data?: { error?: string } }) => {
      if (error.data?.error === 'user_not_found') return null;
      throw error;
    });
    const user = result?.user;
    if (!user?.id) return null;
    const email = user.profile?.email;
    return {
      id: user.id,
      name: user.profile?.display_name || user.real_name || user.name || user.id,
      verifiedEmail: email && user.is_email_confirmed !== false ? email.toLowerCase() : null,
    };
  }
}
