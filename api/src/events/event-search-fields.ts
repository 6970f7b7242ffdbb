import type { NormalizedEvent } from './event.types.js';

/**
 * What an issue's Events tab searches, extracted at storage time (the payload is deflated and
 * never parsed by PostgreSQL): the event's tags plus its user's fields as `user.*` keys, as
 * Sentry's event search has them.
 */
export function searchableTags(event: NormalizedEvent): [string, string][] {
  const tags: [string, string][] = [...event.tags];
  const user = event.user;
  const fields: [string, string | undefined][] = [
    ['user.id', user?.id],
    ['user.email', user?.email],
    ['user.username', user?.username],
    ['user.ip', user?.ipAddress],
  ];
  for (const [key, value] of fields) if (value) tags.push([key, String(value)]);
  return tags;
}

/** The title and the message, once each. */
export function searchableMessage(event: NormalizedEvent): string {
  return event.message && event.message !== event.title ? `${event.title}\n${event.message}` : event.title;
}
