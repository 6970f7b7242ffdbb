/**
 * Signed one-click unsubscribe links: the token names a person and an issue and carries an
 * HMAC-SHA256 over both, keyed from the installation's secret, so it works without signing in and
 * cannot be forged for anyone else. It does not expire: an old email's link must still work.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { credentialKey } from '../repositories/credential-cipher.js';

type KeyConfig = Pick<Config, 'secretKey' | 'dataDir'>;

export interface UnsubscribeTarget {
  userId: number;
  issueId: number;
}

async function linkKey(config: KeyConfig): Promise<Buffer> {
  return Buffer.from(hkdfSync('sha256', await credentialKey(config), 'vigil', 'unsubscribe-links', 32));
}

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(`unsubscribe:${payload}`).digest();

export async function signUnsubscribeToken(config: KeyConfig, target: UnsubscribeTarget): Promise<string> {
  const payload = `${target.userId}.${target.issueId}`;
  return `${payload}.${mac(await linkKey(config), payload).toString('base64url')}`;
}

/** The target of a valid token, or null for anything else. */
export async function verifyUnsubscribeToken(config: KeyConfig, token: string): Promise<UnsubscribeTarget | null> {
  const match = /^(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, userId, issueId, signature] = match as unknown as [string, string, string, string];
  const expected = mac(await linkKey(config), `${userId}.${issueId}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId: Number(userId), issueId: Number(issueId) };
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/notifications/unsubscribe/${token}`;
}
