import { randomBytes } from 'node:crypto';

const SHARE_ID = /^[0-9a-f]{32}$/;

/** 128 random bits: a share link cannot be guessed or enumerated. */
export function newShareId(): string {
  return randomBytes(16).toString('hex');
}

export function isShareId(value: string): boolean {
  return SHARE_ID.test(value);
}

/** Sentry's path for a shared issue, so links people already know keep their shape. */
export function shareUrl(publicUrl: string, shareId: string): string {
  return `${publicUrl}/share/issue/${shareId}/`;
}
