import type { ServiceHookDelivery } from './service-hook-delivery.entity.js';
import type { ServiceHook } from './service-hook.entity.js';

/** Sentry's ServiceHook JSON; `secret` only in the answer that created the hook. */
export function presentServiceHook(hook: ServiceHook, secret?: string): Record<string, unknown> {
  return {
    id: hook.guid,
    url: hook.url,
    status: hook.status,
    events: [...hook.events].sort(),
    dateCreated: hook.dateCreated.toISOString(),
    ...(secret !== undefined ? { secret } : {}),
  };
}

export function presentDelivery(delivery: ServiceHookDelivery): Record<string, unknown> {
  return {
    id: String(delivery.id),
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    responseCode: delivery.responseCode,
    durationMs: delivery.durationMs,
    error: delivery.error,
    dateCreated: delivery.dateCreated.toISOString(),
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
  };
}
