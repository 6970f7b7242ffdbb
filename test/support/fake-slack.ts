import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait.js';

/** A Web API call or a `response_url` post the fake received, its arguments parsed (JSON fields decoded). */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeSlackUser {
  id: string;
  teamId: string;
  name: string;
  email: string;
  /** Slack confirms most emails; an unconfirmed one must not link anyone. */
  emailConfirmed?: boolean;
}

export interface FakeSlack {
  /** The Web API base, as `SLACK_API_URL` takes it (ends with `/`). */
  apiUrl: string;
  /** A `response_url` for one slash command or click; posts to it are recorded as method `response`. */
  responseUrl(): string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  addUser(user: FakeSlackUser): void;
  close(): Promise<void>;
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends objects and arrays (blocks, unfurls) as JSON strings in a form.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A loopback stand-in for Slack's Web API (`chat.postMessage`, `chat.update`, `chat.unfurl`,
 * `users.info`, `auth.test`) and for `response_url`s, recording every call.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const users = new Map<string, FakeSlackUser>();
  let base = '';
  let messageCount = 0;
  let responseCount = 0;
  const send = (res: http.ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', base).pathname;
      const args = parseArgs(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      if (path.startsWith('/response/')) {
        calls.push({ method: 'response', args: { ...args, url: `${base}${path}` }, authorization: req.headers.authorization });
        return send(res, { ok: true });
      }
      const method = path.replace(/^\/api\//, '');
      calls.push({ method, args, authorization: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer xoxb-test-token') return send(res, { ok: false, error: 'invalid_auth' });
      switch (method) {
        case 'auth.test':
          return send(res, { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' });
        case 'chat.postMessage': {
          messageCount += 1;
          const ts = `1700000000.${String(messageCount).padStart(6, '0')}`;
          return send(res, { ok: true, channel: args.channel, ts, message: { ts, text: args.text } });
        }
        case 'chat.update':
          return send(res, { ok: true, channel: args.channel, ts: args.ts, text: args.text });
        case 'chat.unfurl':
          return send(res, { ok: true });
        case 'users.info': {
          const user = users.get(String(args.user));
          if (!user) return send(res, { ok: false, error: 'user_not_found' });
          return send(res, {
            ok: true,
            user: {
              id: user.id,
              team_id: user.teamId,
              name: user.name,
              real_name: user.name,
              is_bot: false,
              is_email_confirmed: user.emailConfirmed ?? true,
              profile: { email: user.email, real_name: user.name, display_name: user.name },
            },
          });
        }
        default:
          return send(res, { ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: () => `${base}/response/${++responseCount}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    addUser: (user) => void users.set(user.id, user),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const SLACK_TEST_ENV = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret' };

/** Posts a body to `/slack/events` signed exactly as Slack signs it: `v0=` HMAC-SHA256 of `v0:{ts}:{body}`. */
export async function postToSlackEvents(
  serverUrl: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: { secret?: string; timestamp?: number } = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SLACK_TEST_ENV.SLACK_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`${serverUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) },
    body,
  });
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommandBody(fields: { teamId: string; userId: string; text: string; responseUrl: string; channelId?: string; userName?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId,
    team_domain: 'acme',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'errors',
    user_id: fields.userId,
    user_name: fields.userName ?? 'someone',
    command: '/vigil',
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

/** An interactivity payload (a button or select click) as Slack posts it: `payload=<json>`. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A Slack id of the given kind (`T` team, `U` user), unique per call. */
export const slackId = (kind: 'T' | 'U' | 'C'): string => `${kind}${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * Runs `/vigil <text>` as Slack does: the signed request must be acknowledged with an empty 200,
 * and the answer arrives at the command's response_url.
 */
export async function runSlashCommand(serverUrl: string, slack: FakeSlack, fields: { teamId: string; userId: string; text: string; userName?: string }) {
  const responseUrl = slack.responseUrl();
  const response = await postToSlackEvents(serverUrl, slashCommandBody({ ...fields, responseUrl }), 'application/x-www-form-urlencoded');
  const ack = { status: response.status, body: await response.text() };
  const answer = await waitFor(() => slack.calls.find((call) => call.method === 'response' && call.args.url === responseUrl), { what: `the answer to /vigil ${fields.text}` });
  return { ack, answer: answer.args as { text: string; response_type?: string; replace_original?: boolean; blocks?: unknown[] } };
}

export interface Click {
  teamId: string;
  userId: string;
  issueId: number;
  actionId: string;
  /** A button's value or a select's chosen option. */
  value: string;
  select?: boolean;
  message: { channel: string; ts: string };
}

/** A `block_actions` payload for a click on an issue message's control, as Slack posts it. */
export function clickPayload(click: Click, responseUrl: string): Record<string, unknown> {
  const action = click.select
    ? { type: 'static_select', action_id: click.actionId, block_id: `vigil_issue:${click.issueId}`, selected_option: { text: { type: 'plain_text', text: click.value }, value: click.value }, action_ts: '1700000001.000200' }
    : { type: 'button', action_id: click.actionId, block_id: `vigil_issue:${click.issueId}`, value: click.value, text: { type: 'plain_text', text: click.value }, action_ts: '1700000001.000200' };
  return {
    type: 'block_actions',
    user: { id: click.userId, username: 'someone', name: 'someone', team_id: click.teamId },
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: click.message.ts, channel_id: click.message.channel, is_ephemeral: false },
    trigger_id: '123.456.abc',
    team: { id: click.teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.message.channel, name: 'errors' },
    message: { type: 'message', user: 'UBOT', ts: click.message.ts, bot_id: 'BBOT', text: 'An issue', blocks: [] },
    state: { values: {} },
    response_url: responseUrl,
    actions: [action],
  };
}

export async function sendClick(serverUrl: string, slack: FakeSlack, click: Click) {
  const responseUrl = slack.responseUrl();
  const response = await postToSlackEvents(serverUrl, interactionBody(clickPayload(click, responseUrl)), 'application/x-www-form-urlencoded');
  return { status: response.status, body: await response.text(), responseUrl };
}

/** An Events API `link_shared` callback for links a user posted in a channel. */
export function linkSharedBody(fields: { teamId: string; userId: string; channel: string; messageTs: string; urls: string[] }): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: fields.teamId,
    api_app_id: 'A0001',
    event: {
      type: 'link_shared',
      channel: fields.channel,
      is_bot_user_member: true,
      user: fields.userId,
      message_ts: fields.messageTs,
      unfurl_id: `${fields.channel}-${fields.messageTs}`,
      source: 'conversations_history',
      links: fields.urls.map((url) => ({ domain: new URL(url).host, url })),
      event_ts: fields.messageTs,
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: fields.teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}
