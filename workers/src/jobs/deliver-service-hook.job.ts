import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import { deliverServiceHook } from '../../../api/src/service-hooks/service-hook-delivery.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** One attempt at a service hook delivery; a retryable failure throws, so the queue retries it with backoff. */
export async function deliverServiceHookJob(app: Deps, payload: JobPayloads['service-hook.deliver'], { log }: JobHandlerContext): Promise<void> {
  const delivery = await deliverServiceHook(app, payload.deliveryId);
  if (delivery) log.info({ deliveryId: delivery.id, status: delivery.status, responseCode: delivery.responseCode, attempts: delivery.attempts }, 'service-hook.delivery');
}
