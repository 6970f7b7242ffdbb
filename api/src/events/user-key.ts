import type { NormalizedEvent } from './event.types.js';

/** The user an event counts towards, in Sentry's order of preference. */
export function userKeyOf(event: NormalizedEvent): string | null {
  const user = event.user;
  if (!user) return null;
  if (user.id) return `id:${user.id}`;
  if (user.email) return `email:${user.email}`;
  if (user.username) return `username:${user.username}`;
  if (user.ipAddress) return `ip:${user.ipAddress}`;
  return null;
}
