/**
 * `/vigil link`: an expiring link signed with the installation's secret names the Slack user;
 * whoever opens it signed in to Vigil becomes that Slack user's Vigil identity.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IsNull, Not, type DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { badInput, notFound } from '../errors.js';
import { credentialKey } from '../repositories/credential-cipher.js';
import { SlackIdentity } from './slack-identity.entity.js';
import type { SlackCaller } from './slack-member.service.js';

/** Long enough to switch to the browser and sign in, short enough that a forwarded link soon dies. */
export const LINK_TTL_SECONDS = 15 * 60;

interface LinkClaims {
  teamId: string;
  slackUserId: string;
  slackName: string;
  expiresAt: number;
}

async function sign(config: Pick<Config, 'secretKey' | 'dataDir'>, body: string): Promise<Buffer> {
  return createHmac('sha256', await credentialKey(config)).update(`slack-link.v1.${body}`).digest();
}

export async function createLinkToken(config: Pick<Config, 'secretKey' | 'dataDir'>, caller: SlackCaller & { slackName: string }, now = Date.now()): Promise<string> {
  const claims: LinkClaims = { ...caller, expiresAt: Math.floor(now / 1000) + LINK_TTL_SECONDS };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${(await sign(config, body)).toString('base64url')}`;
}

export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/slack/link?token=${encodeURIComponent(token)}`;
}

async function readLinkToken(config: Pick<Config, 'secretKey' | 'dataDir'>, token: string, now: number): Promise<LinkClaims> {
  const [body, mac] = token.split('.');
  const invalid = badInput('This Slack link is not valid: run /vigil link in Slack again', 'token');
  if (!body || !mac) throw invalid;
  const given = Buffer.from(mac, 'base64url');
  const expected = await sign(config, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
  if (claims.expiresAt * 1000 < now) throw badInput('This Slack link has expired: run /vigil link in Slack again', 'token');
  return claims;
}

/** Links the signed-in viewer to the Slack user the token names, replacing an earlier link of that Slack user. */
export async function linkSlackIdentity(db: DataSource, config: Pick<Config, 'secretKey' | 'dataDir'>, viewer: Viewer, token: string, now = Date.now()): Promise<SlackIdentity> {
  const claims = await readLinkToken(config, token, now);
  const repo = db.getRepository(SlackIdentity);
  await repo.upsert(
    { teamId: claims.teamId, slackUserId: claims.slackUserId, slackName: claims.slackName, userId: viewer.user.id, linkedBy: 'link' },
    ['teamId', 'slackUserId'],
  );
  return repo.findOneByOrFail({ teamId: claims.teamId, slackUserId: claims.slackUserId });
}

export async function slackIdentitiesOf(db: DataSource, userId: number): Promise<SlackIdentity[]> {
  return db.getRepository(SlackIdentity).find({ where: { userId }, order: { dateCreated: 'ASC', id: 'ASC' } });
}

// Unlinking keeps the row without a user, so the verified email does not silently link it again.
const UNLINKED = { userId: null, linkedBy: 'unlinked' as const };

/** Removes one of the viewer's own links (NOT_FOUND for anyone else's). */
export async function unlinkSlackIdentity(db: DataSource, viewer: Viewer, id: number): Promise<void> {
  const result = await db.getRepository(SlackIdentity).update({ id, userId: viewer.user.id }, UNLINKED);
  if (!result.affected) throw notFound('Slack identity');
}

/** `/vigil unlink`: true when there was a link to remove. */
export async function unlinkSlackUser(db: DataSource, caller: SlackCaller): Promise<boolean> {
  const result = await db.getRepository(SlackIdentity).update({ teamId: caller.teamId, slackUserId: caller.slackUserId, userId: Not(IsNull()) }, UNLINKED);
  return (result.affected ?? 0) > 0;
}
