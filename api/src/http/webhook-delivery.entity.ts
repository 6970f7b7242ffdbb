import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A webhook delivery already acted on, by the sender's delivery id, so a replay does nothing. */
@Entity('webhook_delivery')
export class WebhookDelivery {
  /** `github` or `heroku`. */
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  /** `X-GitHub-Delivery` / `Heroku-Webhook-Id`. */
  @PrimaryColumn({ type: 'text' })
  deliveryId!: string;

  /** The repository or project the delivery was for (ids are the sender's, so they are kept apart per target). */
  @PrimaryColumn({ type: 'integer' })
  targetId!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}
