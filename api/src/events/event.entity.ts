import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NormalizedEvent } from './event.types.js';

/** One stored error event. A resent event (same project and event_id) is dropped. */
@Entity('event')
@Index(['projectId', 'eventId'], { unique: true })
@Index(['issueId', 'timestamp', 'id'])
export class EventRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column()
  projectId!: number;

  @Column()
  issueId!: number;

  // The issue's table is named, not imported: issues/ builds on events/, not the other way round.
  @ManyToOne('Issue', { onDelete: 'CASCADE' })
  issue?: unknown;

  /** 32 lower-case hex characters. */
  @Column({ type: 'char', length: 32 })
  eventId!: string;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  release!: string | null;

  @Column({ type: 'text' })
  environment!: string;

  /** Grouping hashes and the grouping config they were computed with, so events can be regrouped. */
  @Column({ type: 'text', array: true })
  hashes!: string[];

  @Column({ type: 'text' })
  groupingConfig!: string;

  @Column({ type: 'jsonb' })
  data!: NormalizedEvent;
}
