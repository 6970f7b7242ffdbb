import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { ServiceHookEvent } from './service-hook-events.js';
import { ServiceHook } from './service-hook.entity.js';

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

/** What a payload is about, by id; the body is built from the rows at the first attempt. */
export interface DeliverySubject {
  issueId: number;
  /** The event's row id (`event.*`, `issue.created`, `issue.regressed`). */
  eventRowId?: string;
  activityId?: number;
  /** The alert_fire row (`event.alert`). */
  fireId?: number;
}

/** One message to one hook, and how its latest attempt went: the delivery log. */
@Entity('service_hook_delivery')
@Index(['hookId', 'id'])
export class ServiceHookDelivery {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  hookId!: number;

  @ManyToOne(() => ServiceHook, { onDelete: 'CASCADE' })
  hook?: Relation<ServiceHook>;

  @Column({ type: 'text' })
  event!: ServiceHookEvent;

  @Column({ type: 'jsonb' })
  subject!: DeliverySubject;

  /** The exact JSON sent (and signed), fixed at the first attempt so retries send the same bytes. */
  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', nullable: true })
  responseCode!: number | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;
}
