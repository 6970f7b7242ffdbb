import { createHash, randomBytes } from 'node:crypto';

/** Personal API tokens look like `vgl_` + 64 hex characters, so secret scanners can spot them. */
export const API_TOKEN_PREFIX = 'vgl_';

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** DSN public keys: 32 hex characters, like Sentry's. */
export function newPublicKey(): string {
  return randomBytes(16).toString('hex');
}

export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Tokens are high-entropy, so a fast unsalted hash is enough to make the stored copy useless. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
