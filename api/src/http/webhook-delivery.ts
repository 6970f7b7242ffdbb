import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';

export type WebhookProvider = 'github' | 'heroku';

const DELIVERY_ID = /^[\w.:-]{1,200}$/;

/** The delivery id a sender put in `header`, when it is one we can store. */
export function deliveryIdOf(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && DELIVERY_ID.test(header) ? header : null;
}

/**
 * Runs `handle` once per delivery id: a replay (the sender's redelivery, or someone resending a
 * captured request) answers 200 with a note and changes nothing. A failed `handle` forgets the id,
 * so the sender's retry is processed. Deliveries without an id are always handled.
 */
export async function oncePerDelivery(
  db: DataSource,
  reply: FastifyReply,
  delivery: { provider: WebhookProvider; id: string | null; targetId: number },
  handle: () => Promise<unknown>,
): Promise<unknown> {
  if (delivery.id === null) return handle();
  const claimed: unknown[] = await db.query(
    `INSERT INTO webhook_delivery (provider, delivery_id, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING delivery_id`,
    [delivery.provider, delivery.id, delivery.targetId],
  );
  if (claimed.length === 0) return reply.code(200).send({ ok: true, duplicate: true, detail: `Delivery ${delivery.id} was already received; nothing was done again` });
  const forget = () => db.query('DELETE FROM webhook_delivery WHERE provider = $1 AND target_id = $2 AND delivery_id = $3', [delivery.provider, delivery.targetId, delivery.id]);
  try {
    const sent = await handle();
    // A refused delivery (bad payload) was not acted on: the sender's retry should be.
    if (reply.statusCode >= 400) await forget();
    return sent;
  } catch (error) {
    await forget();
    throw error;
  }
}
