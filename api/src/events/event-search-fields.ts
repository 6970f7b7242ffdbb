import type { NormalizedEvent } from './event.types.js';

/**
 * What an issue's Events tab searches, extracted at storage time (the payload is deflated and
 * never parsed by PostgreSQL): the event's tags plus its user's fields as `user.*` keys, as
 * Sentry's event search has them.
 */
export function searchableTags(event: NormalizedEvent): [string, string][] {
  const tags: [string, string][] = event.tags.map(([key, value]) => [asText(key), asText(value)]);
  const user = event.user;
  const fields: [string, string | undefined][] = [
    ['user.id', user?.id],
    ['user.email', user?.email],
    ['user.username', user?.username],
    ['user.ip', user?.ipAddress],
  ];
  for (const [key, value] of fields) if (value) tags.push([key, asText(String(value))]);
  return tags;
}

/** The title and the message, once each. */
export function searchableMessage(event: NormalizedEvent): string {
  return asText(event.message && event.message !== event.title ? `${event.title}\n${event.message}` : event.title);
}

// With the `u` flag the class matches only lone surrogates (a pair is one code point).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/**
 * The text as a text column stores it (node-postgres sends UTF-8, lone surrogates become U+FFFD):
 * these fields travel inside the batch's JSON document, whose parser would refuse the whole event.
 */
function asText(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}
