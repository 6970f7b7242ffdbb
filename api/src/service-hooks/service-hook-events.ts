/** The events a service hook may subscribe to: Sentry's two, plus Vigil's issue and comment events. */
export const SERVICE_HOOK_EVENTS = [
  'event.alert',
  'event.created',
  'issue.created',
  'issue.resolved',
  'issue.assigned',
  'issue.regressed',
  'comment.created',
] as const;

export type ServiceHookEvent = (typeof SERVICE_HOOK_EVENTS)[number];

export function isServiceHookEvent(value: unknown): value is ServiceHookEvent {
  return typeof value === 'string' && (SERVICE_HOOK_EVENTS as readonly string[]).includes(value);
}
