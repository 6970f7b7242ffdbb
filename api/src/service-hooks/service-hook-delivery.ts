/**
 * One attempt at a delivery (the 'service-hook.deliver' job): POST the body signed with the hook's
 * secret (`X-ServiceHook-Signature` = HMAC-SHA256 hex of the body), record status, response code,
 * duration and error. A 5xx, 429, timeout or network error is retried by the job queue with
 * exponential backoff, up to MAX_ATTEMPTS; anything else is final. Redirects are not followed.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { DataSource } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import { buildHookPayload } from './service-hook-payload.js';
import { ServiceHookDelivery } from './service-hook-delivery.entity.js';
import { ServiceHook } from './service-hook.entity.js';
import { hookSecret } from './service-hook.service.js';
import { literalHostRefusal, publicOnlyLookup } from './webhook-target.js';

export const MAX_ATTEMPTS = 6;
export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

export function signBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

interface Attempt {
  responseCode: number | null;
  error: string | null;
  retryable: boolean;
}

/** Thrown to make the job queue retry (with its backoff); the delivery row already says why. */
export class DeliveryRetry extends Error {}

function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<Attempt> {
  const refusal = literalHostRefusal(url, allowPrivate);
  if (refusal) return Promise.resolve({ responseCode: null, error: `Refused: ${refusal}`, retryable: false });
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const request = send(url, { method: 'POST', headers, lookup: publicOnlyLookup(allowPrivate), timeout: DELIVERY_TIMEOUT_MS, agent: false }, (response) => {
      response.resume();
      response.on('end', () => {
        const code = response.statusCode ?? 0;
        if (code >= 200 && code < 300) return resolve({ responseCode: code, error: null, retryable: false });
        if (code >= 300 && code < 400) return resolve({ responseCode: code, error: `Redirect to ${response.headers.location ?? '?'} not followed`, retryable: false });
        resolve({ responseCode: code, error: `HTTP ${code}`, retryable: code >= 500 || code === 429 });
      });
      response.on('error', (error) => resolve({ responseCode: response.statusCode ?? null, error: error.message, retryable: true }));
    });
    request.on('timeout', () => request.destroy(new Error(`No response within ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ responseCode: null, error: error.code === 'EADDRNOTPUBLIC' ? `Refused: ${error.message}` : error.message, retryable: error.code !== 'EADDRNOTPUBLIC' }),
    );
    request.end(body);
  });
}

async function bodyOf(db: DataSource, publicUrl: string, delivery: ServiceHookDelivery): Promise<string | null> {
  if (delivery.body !== null) return delivery.body;
  const payload = await buildHookPayload(db, publicUrl, delivery.event, delivery.subject);
  if (!payload) return null;
  const body = JSON.stringify(payload);
  // Fixed once: a concurrent first attempt keeps whichever body was stored first.
  await db.query('UPDATE service_hook_delivery SET body = $2 WHERE id = $1 AND body IS NULL', [delivery.id, body]);
  const [row] = (await db.query('SELECT body FROM service_hook_delivery WHERE id = $1', [delivery.id])) as { body: string }[];
  return row?.body ?? body;
}

/** Runs one attempt; throws DeliveryRetry when the queue should try again later. */
export async function deliverServiceHook(app: Pick<Deps, 'db' | 'config'>, deliveryId: number): Promise<ServiceHookDelivery | null> {
  const repo = app.db.getRepository(ServiceHookDelivery);
  const delivery = await repo.findOneBy({ id: deliveryId });
  if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return delivery;
  const hook = await app.db.getRepository(ServiceHook).findOneBy({ id: delivery.hookId });
  if (!hook) return null;
  const finish = async (changes: Partial<ServiceHookDelivery>) => {
    await repo.update(delivery.id, { ...changes, lastAttemptAt: new Date() });
    return repo.findOneByOrFail({ id: delivery.id });
  };
  if (hook.status !== 'active') return finish({ status: 'failed', error: 'The hook is disabled' });
  const body = await bodyOf(app.db, app.config.publicUrl, delivery);
  if (body === null) return finish({ status: 'failed', error: 'The issue no longer exists' });

  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Vigil-ServiceHook/1.0',
    'x-servicehook-timestamp': timestamp,
    'x-servicehook-guid': hook.guid,
    'x-servicehook-event': delivery.event,
    'x-servicehook-delivery': String(delivery.id),
    'x-servicehook-signature': signBody(await hookSecret(app.config, hook), body),
  };
  const started = Date.now();
  const attempt = await post(new URL(hook.url), headers, body, app.config.webhooks.allowPrivate);
  const attempts = delivery.attempts + 1;
  const status = attempt.error === null ? 'delivered' : attempt.retryable && attempts < MAX_ATTEMPTS ? 'retrying' : 'failed';
  const saved = await finish({
    status,
    attempts,
    responseCode: attempt.responseCode,
    durationMs: Date.now() - started,
    error: attempt.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
  });
  if (status === 'retrying') throw new DeliveryRetry(`Delivery ${delivery.id} attempt ${attempts} failed: ${attempt.error}`);
  return saved;
}
