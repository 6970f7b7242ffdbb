import { createHmac, timingSafeEqual } from 'node:crypto';
import { instanceKey } from '../auth/instance-key.js';
import type { Config } from '../config.js';

type KeyConfig = Pick<Config, 'secretKey' | 'dataDir'>;

/** How long an emailed invitation works. */
export const INVITE_TTL_DAYS = 7;

/** The secret part of an invite link: an HMAC over the invite's id and current nonce. */
export async function inviteToken(config: KeyConfig, invite: { id: number; nonce: string }): Promise<string> {
  return createHmac('sha256', await instanceKey(config, 'invite-links')).update(`${invite.id}:${invite.nonce}`).digest('base64url');
}

export async function isInviteToken(config: KeyConfig, invite: { id: number; nonce: string }, token: string): Promise<boolean> {
  const expected = Buffer.from(await inviteToken(config, invite));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The dashboard page that shows the invitation and accepts it. */
export function inviteUrl(publicUrl: string, inviteId: number, token: string): string {
  return `${publicUrl}/accept-invite/${inviteId}/${token}`;
}
